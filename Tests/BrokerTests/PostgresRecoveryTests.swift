@testable import Broker
import Foundation
import TestSupport
import Testing
import Wire

/// Kill -9 a broker whose journal is in PostgreSQL, with accepted tasks queued or running,
/// and start it again on the same database: every task finishes, every result is
/// recorded once, and the database password shows in none of the broker's output.
@Suite(.serialized, .timeLimit(.minutes(6)), .enabled(if: TestPostgres.isAvailable, Comment(rawValue: TestPostgres.skipReason)))
struct PostgresRecoveryTests {
    @Test func everyAcceptedTaskFinishesOnceAfterKillDashNine() async throws {
        let database = try await TestPostgres.freshDatabase("recovery")
        let directory = try TestEnvironment.temporaryDirectory("recovery-postgres")
        let config = directory.appendingPathComponent("cluster.yaml")
        try Data("""
            cluster: {name: recovery}
            broker:
              journal:
                url: \(database.url)
                password_env: CLUSTER_TEST_JOURNAL_PASSWORD
            """.utf8).write(to: config)
        let environment = ["CLUSTER_TEST_JOURNAL_PASSWORD": database.password]
        let port = try TestEnvironment.freePort()
        let publishPort = try TestEnvironment.freePort()
        let endpoint = "tcp://127.0.0.1:\(port)"
        var broker = try await BrokerProcess.start(
            port: port, publishPort: publishPort, dataDirectory: directory, arguments: ["--config", config.path],
            environment: environment)
        var output = broker.text
        var workers: [ChildProcess] = []
        for index in 0..<3 {
            workers.append(try BrokerInteropTests.python("mdp_worker.py", [
                "--endpoint", endpoint, "--service", "work", "--delay-ms", "5", "--name", "w\(index)",
            ], name: "w\(index)"))
        }
        for worker in workers { #expect(await worker.waitForLine(containing: "ready") != nil) }

        let context = try ZMQContext()
        let client = try ClusterClient(context: context, endpoints: [endpoint], options: .init(timeout: .seconds(5), attempts: 6))
        defer { client.close() }
        let total = 400
        let ids = try await withThrowingTaskGroup(of: String.self) { group in
            for index in 0..<total {
                group.addTask {
                    try await client.submit(TaskSpec(
                        title: "task \(index)", description: "work \(index)", target: "work",
                        idempotencyKey: "pg-recovery-\(index)")).id
                }
            }
            var ids: [String] = []
            for try await id in group { ids.append(id) }
            return ids
        }
        #expect(Set(ids).count == total)

        #expect(await TestEnvironment.eventually(timeout: .seconds(60)) {
            try await client.listTasks(TaskListQuery(states: [.succeeded], limit: 20)).tasks.count >= 20
        })
        broker.signal(SIGKILL)
        await broker.waitForExit()
        output += "\n" + broker.text
        let settings = try postgresSettings(database)
        let cutOff = try {
            let journal = try PostgresJournal(settings: settings)
            defer { try? journal.close() }
            return try journal.unfinishedTasks().count
        }()
        #expect(cutOff > 0, "every task had finished before the kill: nothing was recovered")
        broker = try await BrokerProcess.start(
            port: port, publishPort: publishPort, dataDirectory: directory, arguments: ["--config", config.path],
            environment: environment)

        let allDone = await TestEnvironment.eventually(timeout: .seconds(180), every: .milliseconds(250)) {
            let info = try await client.info()
            let unfinished = info.tasksByState.filter { !(TaskState(rawValue: $0.key)?.isTerminal ?? true) }.values.reduce(0, +)
            return unfinished == 0
        }
        #expect(allDone, "unfinished tasks remain")
        await broker.stop()
        output += "\n" + broker.text
        for worker in workers { await worker.stop() }

        let journal = try PostgresJournal(settings: settings)
        defer { try? journal.close() }
        for id in ids {
            let record = try #require(try journal.task(id: id))
            #expect(record.state == .succeeded, "task \(id) ended \(record.state)")
            #expect(try journal.recordedResultCount(taskID: id) == 1, "task \(id) has a result recorded more than once")
        }
        // The broker's log file has every line from info up; the console from notice.
        output += "\n" + ((try? String(contentsOf: directory.appendingPathComponent("logs/router.log"), encoding: .utf8)) ?? "")
        #expect(output.contains("restored from \(database.url)"), "\(output)")
        #expect(!output.contains(database.password))
    }
}
