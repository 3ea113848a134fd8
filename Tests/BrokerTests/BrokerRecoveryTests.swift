@testable import Broker
import Foundation
import TestSupport
import Testing
import Wire

/// Kill -9 the broker with a thousand accepted tasks queued or running, start it again on
/// the same data directory: every task finishes and every result is recorded once.
@Suite(.serialized, .timeLimit(.minutes(6))) struct BrokerRecoveryTests {
    @Test func everyAcceptedTaskFinishesOnceAfterKillDashNine() async throws {
        let directory = try TestEnvironment.temporaryDirectory("recovery")
        let port = try TestEnvironment.freePort()
        let publishPort = try TestEnvironment.freePort()
        let endpoint = "tcp://127.0.0.1:\(port)"
        var broker = try await BrokerProcess.start(port: port, publishPort: publishPort, dataDirectory: directory)
        var workers: [ChildProcess] = []
        for index in 0..<4 {
            workers.append(try BrokerInteropTests.python("mdp_worker.py", [
                "--endpoint", endpoint, "--service", "work", "--delay-ms", "2", "--name", "w\(index)",
            ], name: "w\(index)"))
        }
        for worker in workers { #expect(await worker.waitForLine(containing: "ready") != nil) }

        let context = try ZMQContext()
        let client = try ClusterClient(context: context, endpoints: [endpoint], options: .init(timeout: .seconds(5), attempts: 6))
        defer { client.close() }
        let total = 1_000
        let ids = try await withThrowingTaskGroup(of: String.self) { group in
            for index in 0..<total {
                group.addTask {
                    try await client.submit(TaskSpec(
                        title: "task \(index)", description: "work \(index)", target: "work",
                        idempotencyKey: "recovery-\(index)")).id
                }
            }
            var ids: [String] = []
            for try await id in group { ids.append(id) }
            return ids
        }
        #expect(Set(ids).count == total)

        // Kill the broker while work is under way, then bring it back on the same files.
        #expect(await TestEnvironment.eventually(timeout: .seconds(60)) {
            try await client.listTasks(TaskListQuery(states: [.succeeded], limit: 50)).tasks.count >= 50
        })
        broker.signal(SIGKILL)
        await broker.waitForExit()
        // The journal as the kill left it: the test means nothing unless work was cut off.
        let cutOff = try {
            let journal = try TaskJournal(directory: directory)
            defer { try? journal.close() }
            return try journal.unfinishedTasks().count
        }()
        #expect(cutOff > 0, "every task had finished before the kill: nothing was recovered")
        broker = try await BrokerProcess.start(port: port, publishPort: publishPort, dataDirectory: directory)

        let allDone = await TestEnvironment.eventually(timeout: .seconds(180), every: .milliseconds(250)) {
            let info = try await client.info()
            let unfinished = info.tasksByState.filter { !(TaskState(rawValue: $0.key)?.isTerminal ?? true) }.values.reduce(0, +)
            return unfinished == 0
        }
        #expect(allDone, "unfinished tasks remain")
        await broker.stop()
        for worker in workers { await worker.stop() }

        let journal = try TaskJournal(directory: directory)
        for id in ids {
            let record = try #require(try journal.task(id: id))
            #expect(record.state == .succeeded, "task \(id) ended \(record.state)")
            #expect(try journal.recordedResultCount(taskID: id) == 1, "task \(id) has a result recorded more than once")
        }
    }
}
