@testable import Broker
import Foundation
import Testing
import Wire

@Suite("BrokerState building blocks")
struct StateInternalsTests {
    @Test("Deque pops in order with pushes at both ends")
    func deque() {
        var deque = Deque<Int>()
        for value in 1...100 { deque.append(value) }
        deque.prepend(0)
        deque.prepend(-1)
        var popped: [Int] = []
        while let value = deque.popFirst() { popped.append(value) }
        #expect(popped == Array(-1...100))
        #expect(deque.isEmpty && deque.first == nil)
    }

    @Test("DeadlineHeap pops due entries earliest first, ties in insertion order")
    func heap() {
        var heap = DeadlineHeap<String>()
        for (name, seconds) in [("c", 3), ("a", 1), ("b", 2), ("a2", 1), ("d", 9)] {
            heap.insert(name, at: .seconds(seconds))
        }
        var popped: [String] = []
        while let due = heap.popDue(at: .seconds(5)) { popped.append(due.key) }
        #expect(popped == ["a", "a2", "b", "c"])
        #expect(heap.earliest == .seconds(9))
    }

    @Test("Retry delay doubles from the base up to the cap")
    func retryDelay() {
        let policy = RetryPolicy(baseDelay: .seconds(2), maxDelay: .seconds(10), maxAttempts: 5)
        let delays = (1...5).map { policy.delay(afterAttempt: $0, jitter: { $0.upperBound }) }
        #expect(delays == [.seconds(2), .seconds(4), .seconds(8), .seconds(10), .seconds(10)])
        #expect(policy.delay(afterAttempt: 2, jitter: { _ in .nan }) == .seconds(4))
        #expect(policy.attempts(for: TaskSpec(title: "t", description: "d", maxAttempts: 7)) == 7)
        #expect(policy.attempts(for: TaskSpec(title: "t", description: "d", maxAttempts: 0)) == 5)
    }

    @Test("Task envelopes round-trip and reject anything else")
    func envelope() {
        let envelope = TaskEnvelope(taskID: "a:b", attempt: 3)
        #expect(TaskEnvelope(frames: envelope.frames) == envelope)
        #expect(TaskEnvelope(frames: [Frame("@task::1")]) == nil)
        #expect(TaskEnvelope(frames: [Frame("@task:x:0")]) == nil)
        #expect(TaskEnvelope(frames: [Frame("@task:x:1"), Frame("y")]) == nil)
        #expect(TaskEnvelope(frames: [Frame("client")]) == nil)
    }

    @Test("Plain requests add no timer entries: the heap stays one entry per worker")
    func boundedTimers() {
        var h = StateHarness(.testing())
        let (peer, _) = h.agent("CC01", service: "echo", capacity: 8)
        for index in 0..<5_000 {
            let client = PeerID(Frame("client-\(index % 8)"))
            _ = h.receive(.client(.request(service: "echo", body: [Frame("q")])), from: client)
            _ = h.receive(.worker(.final(envelope: [client.identity], body: [Frame("a")])), from: peer)
        }
        #expect(h.state.counters.requestsAnswered == 5_000)
        #expect(h.state.workerChecks.count == 1 && h.state.timers.count == 0)
        _ = h.run(for: .seconds(10), alive: [peer])
        #expect(h.state.workerChecks.count == 1 && h.state.timers.count == 0)
    }

    @Test("nextDeadline is the earliest of heartbeat, timers and request expiry")
    func nextDeadline() {
        var h = StateHarness(.testing())
        #expect(h.state.nextDeadline(after: h.now).uptime == .seconds(1))
        h.ready(.workerA, service: "echo")
        _ = h.advance(.milliseconds(900))
        #expect(h.state.nextDeadline(after: h.now).uptime == .seconds(1))
        _ = h.advance(.seconds(5))
        #expect(h.state.nextDeadline(after: h.now) >= h.now)
    }
}
