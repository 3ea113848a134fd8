@testable import Broker
import Foundation
import Logging
import TestSupport
import Testing
import Wire

/// The broker under faults: a worker frozen mid-task, a flood of garbage, and the broker
/// itself killed with a thousand tasks accepted. (A worker killed mid-task: BrokerDisconnectTests.)
@Suite(.serialized, .timeLimit(.minutes(3))) struct BrokerFaultTests {
    /// SIGSTOP freezes the worker without closing its connection, as a hung host would:
    /// only its missing heartbeats tell.
    @Test func taskOfAFrozenWorkerFinishesOnAnotherOnceItsHeartbeatsStop() async throws {
        let (broker, _) = try BrokerInteropTests.startBroker()
        defer { Task { await broker.stop() } }
        let endpoint = broker.endpoints.router
        // Three workers on two services; the victim is alone on "alpha" when the task comes.
        let victim = try BrokerInteropTests.python("mdp_worker.py", ["--endpoint", endpoint, "--service", "alpha", "--delay-ms", "60000", "--name", "victim"], name: "victim")
        let other = try BrokerInteropTests.python("mdp_worker.py", ["--endpoint", endpoint, "--service", "beta", "--name", "beta"], name: "beta")
        #expect(await victim.waitForLine(containing: "ready") != nil)
        #expect(await other.waitForLine(containing: "ready") != nil)
        let context = try ZMQContext()
        let client = try ClusterClient(context: context, endpoints: [endpoint])
        defer { client.close() }
        let record = try await client.submit(TaskSpec(title: "long work", description: "work", target: "alpha"))
        #expect(await victim.waitForLine(containing: "got a request") != nil)
        let rescuer = try BrokerInteropTests.python("mdp_worker.py", ["--endpoint", endpoint, "--service", "alpha", "--name", "rescuer"], name: "rescuer")
        #expect(await rescuer.waitForLine(containing: "ready") != nil)
        #expect(await TestEnvironment.eventually { try await client.agents().count == 3 })

        let frozen = ContinuousClock.now
        victim.signal(SIGSTOP)
        defer { victim.signal(SIGKILL) }
        let finished = await TestEnvironment.eventually(timeout: .seconds(10), every: .milliseconds(20)) {
            try await client.task(id: record.id)?.task.state == .succeeded
        }
        let elapsed = ContinuousClock.now - frozen
        #expect(finished)
        // Heartbeats declare the victim dead after 3 s; the busy-worker timeout would take
        // 300 s. The bound tells the two apart with room for a loaded 2-core run (this
        // asserted under 4 s and failed once in a full run); part 5 of cluster-bench measures
        // the failover time itself.
        #expect(elapsed < .seconds(8), "the task took \(elapsed) to finish after the freeze")
        #expect(try await client.task(id: record.id)?.task.result?.summary == "done \(record.id) by rescuer")
        let counters = await broker.counters()
        #expect(counters.workersExpired == 1)
        #expect(counters.workersConnectionLost == 0)
        await other.stop()
        await rescuer.stop()
    }

    @Test func floodOfRandomFramesChangesNothing() async throws {
        let (broker, _) = try BrokerInteropTests.startBroker()
        defer { Task { await broker.stop() } }
        let endpoint = broker.endpoints.router
        let worker = try BrokerInteropTests.python("mdp_worker.py", ["--endpoint", endpoint, "--service", "echo"], name: "worker")
        #expect(await worker.waitForLine(containing: "ready") != nil)

        let context = try ZMQContext()
        let garbage = try context.makeSocket(.dealer)
        defer { garbage.close() }
        try garbage.setSendHighWaterMark(0)
        try garbage.connect(endpoint)
        var generator = SystemRandomNumberGenerator()
        let prefixes: [Frame] = ["MDPC02", "MDPW02", .empty, Frame([0x01]), Frame([0x05])]
        let count = 100_000
        for index in 0..<count {
            let frameCount = Int(generator.next(upperBound: UInt64(6)))
            var frames: [Frame] = []
            for position in 0..<max(frameCount, 1) {
                if position < 2, generator.next(upperBound: UInt64(2)) == 0 {
                    frames.append(prefixes[Int(generator.next(upperBound: UInt64(prefixes.count)))])
                } else {
                    let length = Int(generator.next(upperBound: UInt64(24)))
                    frames.append(Frame((0..<length).map { _ in UInt8(truncatingIfNeeded: generator.next()) }))
                }
            }
            // Keep the flood invalid: a well-formed READY or REQUEST would be served, not counted.
            if index % 2 == 0 { frames.insert(Frame([0xff]), at: 0) }
            try garbage.send(frames)
        }
        let client = try ClusterClient(context: context, endpoints: [endpoint], options: .init(timeout: .seconds(10)))
        defer { client.close() }
        #expect(await TestEnvironment.eventually(timeout: .seconds(60)) { await broker.counters().invalidMessages >= count / 2 })
        let answer = try await client.bus.request(service: "echo", body: ["still here"])
        #expect(answer.first?.string == "still here")
        let info = try await client.info()
        #expect(info.invalidMessages >= count / 2)
        await worker.stop()
    }
}
