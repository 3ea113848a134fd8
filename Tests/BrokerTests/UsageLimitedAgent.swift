@testable import Broker
import Foundation
import Synchronization
import Wire

/// A cluster agent on a real DEALER socket, on a thread of its own: it answers its first
/// task assignment with a usage limit that resets `resetAfter` later, and every later one
/// with success. It heartbeats while it runs, and registers again when a broker that
/// does not know it (a restarted one) answers with DISCONNECT.
final class UsageLimitedAgent: Sendable {
    private let attempts = Mutex<[Int]>([])
    private let stopped = Atomic<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)

    /// The attempt numbers of the assignments received, in order.
    var assignments: [Int] { attempts.withLock { $0 } }

    init(endpoint: String, name: String, service: String, account: String, resetAfter: Duration) throws {
        let context = try ZMQContext()
        let socket = try context.makeSocket(.dealer)
        try socket.connect(endpoint)
        let info = AgentInfo(name: name, specialties: [service], version: "test", host: "localhost", account: account)
        let ready = MDPCodec.encode(.worker(.ready(service: service, extensions: [JSONWire.encode(info)])))
        _ = try socket.send(ready)
        // The socket moves to the agent's thread and is used only there from now on.
        nonisolated(unsafe) let owned = socket
        let thread = Thread { [self] in
            serve(owned, name: name, ready: ready, resetAfter: resetAfter)
            owned.close()
            _ = context
            finished.signal()
        }
        thread.start()
    }

    /// Stops the agent's thread and waits for it.
    func stop() {
        stopped.store(true, ordering: .releasing)
        finished.wait()
    }

    private func serve(_ socket: ZMQSocket, name: String, ready: [Frame], resetAfter: Duration) {
        let poller = Poller()
        poller.add(socket)
        var nextHeartbeat = ContinuousClock.now
        while !stopped.load(ordering: .acquiring) {
            if ContinuousClock.now >= nextHeartbeat {
                _ = try? socket.send(MDPCodec.encode(.worker(.heartbeat(extensions: []))))
                nextHeartbeat = ContinuousClock.now + .milliseconds(250)
            }
            guard let readable = try? poller.poll(timeout: .milliseconds(50)), !readable.isEmpty,
                  let frames = try? socket.receive(dontWait: true),
                  let (message, _) = try? MDPCodec.decode(frames)
            else { continue }
            if case .worker(.disconnect) = message {
                _ = try? socket.send(ready)
                continue
            }
            guard case .worker(.request(let envelope, _)) = message,
                  let task = TaskEnvelope(frames: envelope)
            else { continue }
            let count = attempts.withLock { list -> Int in
                list.append(task.attempt)
                return list.count
            }
            let result = count == 1
                ? TaskResult(outcome: .usageLimited, summary: "You've hit your limit",
                             usageLimit: UsageLimit(kind: "five_hour", resetsAt: Date().addingTimeInterval(resetAfter.seconds)))
                : TaskResult(outcome: .succeeded, summary: "done after the reset")
            let completion = TaskCompletion(taskID: task.taskID, attempt: task.attempt, agent: name, result: result)
            _ = try? socket.send(MDPCodec.encode(.worker(.final(envelope: envelope, body: [JSONWire.encode(completion)]))))
        }
    }
}
