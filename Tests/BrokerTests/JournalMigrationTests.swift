import Foundation
import Testing
import TestSupport
import Wire

@testable import Broker

/// `claude-cluster journal migrate`: an SQLite journal copied into PostgreSQL, every table,
/// counted on both sides.
@Suite(.enabled(if: TestPostgres.isAvailable, Comment(rawValue: TestPostgres.skipReason)))
struct JournalMigrationTests {
    /// A journal with rows in every table, some of them NULL where a column allows it.
    private func seededSQLite() throws -> (path: String, tasks: [TaskRecord]) {
        let directory = try TestEnvironment.temporaryDirectory("migrate-source")
        let journal = try TaskJournal(directory: directory)
        defer { try? journal.close() }
        var tasks: [TaskRecord] = []
        for index in 0..<2_500 {
            var record = journalTask(
                String(format: "t-%05d", index), at: Double(index), state: index % 3 == 0 ? .succeeded : .queued,
                agent: index % 2 == 0 ? "CC01" : nil, idempotencyKey: index % 5 == 0 ? "key-\(index)" : nil)
            if index % 3 == 0 { record.result = TaskResult(outcome: .succeeded, summary: "done \(index)") }
            tasks.append(record)
        }
        try journal.commit(tasks.map(JournalWrite.upsert))
        var writes: [JournalWrite] = []
        for record in tasks.prefix(300) {
            writes += (1...3).map { .appendProgress(journalProgress(record.id, sequence: $0)) }
            writes.append(.appendTranscript(taskID: record.id, attempt: 1, text: "output of \(record.id)\n"))
            writes.append(.recordResult(taskID: record.id, attempt: 1, TaskResult(outcome: .succeeded, summary: record.id)))
            writes.append(.recordAttempt(AttemptRecord(
                taskID: record.id, attempt: 1, agent: record.agent, outcome: .succeeded, costUSD: record.agent == nil ? nil : 0.5,
                model: "claude-test", endedAt: journalDate(7))))
        }
        writes.append(.setAgentPause(agent: "cc01", OperatorPause(agent: "CC01", drain: true, since: journalDate(3))))
        try journal.commit(writes)
        return (journal.path, tasks)
    }

    @Test func copiesEveryTableAndTheCopyReadsAsTheFileDoes() async throws {
        let source = try seededSQLite()
        let database = try await TestPostgres.freshDatabase("migrate")
        let settings = try postgresSettings(database)
        let report = try await JournalMigration(source: source.path, target: settings).run()
        #expect(report.rows == [
            "tasks": 2_500, "progress": 900, "transcripts": 300, "results": 300, "attempts": 300, "agent_pauses": 1,
        ])

        let original = try TaskJournal(directory: URL(fileURLWithPath: source.path).deletingLastPathComponent())
        defer { try? original.close() }
        let copy = try PostgresJournal(settings: settings)
        defer { try? copy.close() }
        #expect(try copy.unfinishedTasks() == original.unfinishedTasks())
        #expect(try copy.counts() == original.counts())
        for id in ["t-00000", "t-00001", "t-00299", "t-02499"] {
            #expect(try copy.task(id: id) == original.task(id: id))
            #expect(try copy.progress(taskID: id, limit: 10) == original.progress(taskID: id, limit: 10))
            #expect(try copy.transcript(taskID: id) == original.transcript(taskID: id))
            #expect(try copy.recordedResult(taskID: id) == original.recordedResult(taskID: id))
            #expect(try copy.attempts(taskID: id) == original.attempts(taskID: id))
        }
        #expect(try copy.task(idempotencyKey: "key-10")?.id == "t-00010")
        #expect(try copy.agentPauses() == original.agentPauses())
        #expect(try copy.totalCost(ofAgent: "CC01") == original.totalCost(ofAgent: "CC01"))
        #expect(try copy.recentTasks(ofAgent: "CC01", limit: 20) == original.recentTasks(ofAgent: "CC01", limit: 20))
        #expect(try copy.history(minutes: 5, until: journalDate(10)) == original.history(minutes: 5, until: journalDate(10)))
        #expect(try copy.listTasks(TaskQuery(limit: 7)) == original.listTasks(TaskQuery(limit: 7)))
        // New progress lines go after the copied ones.
        try copy.commit([.appendProgress(journalProgress("t-00000", sequence: 9))])
        #expect(try copy.progress(taskID: "t-00000", limit: 10).map(\.sequence) == [1, 2, 3, 9])
    }

    @Test func refusesATargetWithRowsUnlessForced() async throws {
        let source = try seededSQLite()
        let database = try await TestPostgres.freshDatabase("migrate")
        let settings = try postgresSettings(database)
        let existing = try PostgresJournal(settings: settings)
        try existing.commit([.upsert(journalTask("already-there"))])
        try existing.close()

        let error = await #expect(throws: JournalMigrationError.self) {
            _ = try await JournalMigration(source: source.path, target: settings).run()
        }
        guard case .targetNotEmpty(_, let rows) = error else {
            Issue.record("unexpected error \(String(describing: error))")
            return
        }
        #expect(rows["tasks"] == 1)
        #expect(try await database.server.sql("SELECT count(*) FROM tasks", database: database.name) == "1")

        let report = try await JournalMigration(source: source.path, target: settings, replace: true).run()
        #expect(report.rows["tasks"] == 2_500)
        #expect(try await database.server.sql("SELECT count(*) FROM tasks WHERE id = 'already-there'", database: database.name) == "0")
    }

    @Test func aMissingFileIsNamedAndNothingIsWritten() async throws {
        let database = try await TestPostgres.freshDatabase("migrate")
        let error = await #expect(throws: JournalMigrationError.self) {
            _ = try await JournalMigration(source: "/nonexistent/journal.sqlite", target: try postgresSettings(database)).run()
        }
        #expect(String(describing: error).contains("/nonexistent/journal.sqlite"))
    }
}
