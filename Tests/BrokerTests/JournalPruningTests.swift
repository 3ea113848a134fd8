@testable import Broker
import Foundation
import Testing
import Wire

/// Retention on either backend: finished tasks past the cutoff go with everything stored
/// for them; unfinished tasks, and the finished parent an unfinished follow-up names, stay.
@Suite struct JournalPruningTests {
    private func task(_ id: String, daysAgo: Double, state: TaskState, parent: String? = nil) -> TaskRecord {
        let created = Date().addingTimeInterval(-daysAgo * 86_400).roundedToMillisecond
        return TaskRecord(
            id: id, spec: TaskSpec(title: "Task \(id)", description: "Do \(id)", parent: parent),
            state: state, attempts: 1, agent: "cc01", createdAt: created, updatedAt: created,
            finishedAt: state.isTerminal ? created : nil)
    }

    @Test(arguments: JournalBackend.testable)
    func pruningKeepsUnfinishedTasksAndTheParentsTheyName(_ backend: JournalBackend) async throws {
        let spot = try await JournalSpot.make(backend)
        let ids: [String] = try spot.with { journal throws in
            var writes: [JournalWrite] = []
            for index in 0..<30 {
                writes.append(.upsert(task("old-\(index)", daysAgo: 40, state: .succeeded)))
                writes.append(.appendProgress(journalProgress("old-\(index)", sequence: 1)))
                writes.append(.recordResult(taskID: "old-\(index)", attempt: 1, TaskResult(outcome: .succeeded, summary: "ok")))
            }
            writes.append(.upsert(task("parent", daysAgo: 40, state: .succeeded)))
            writes.append(.upsert(task("follow-up", daysAgo: 40, state: .queued, parent: "parent")))
            writes.append(.upsert(task("recent", daysAgo: 1, state: .failed)))
            writes.append(.upsert(task("waiting", daysAgo: 50, state: .queued)))
            try journal.commit(writes)
            return try journal.listTasks(TaskQuery(limit: 100)).tasks.map(\.id)
        }
        #expect(ids.count == 34)
        let pruner: any JournalPruning = try {
            if let postgres = spot.postgres { return PostgresJournalPruner(settings: postgres, batchSize: 7) }
            return try JournalPruner(path: spot.sqlitePath!, batchSize: 7)
        }()
        let report = try await pruner.prune(finishedBefore: Date().addingTimeInterval(-30 * 86_400))
        #expect(report.removedTasks == 30)
        #expect(report.batches == 5)
        try spot.with { journal throws in
            #expect(try Set(journal.listTasks(TaskQuery(limit: 100)).tasks.map(\.id)) == ["parent", "follow-up", "recent", "waiting"])
            #expect(try journal.progress(taskID: "old-0", limit: 10).isEmpty)
            #expect(try journal.recordedResultCount(taskID: "old-0") == 0)
        }
    }
}
