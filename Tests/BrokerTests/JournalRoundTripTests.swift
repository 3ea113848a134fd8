import Foundation
import Testing
import Wire

@testable import Broker

@Suite struct JournalRoundTripTests {
    @Test func everyFieldOfATaskReadsBackEqual() throws {
        try withJournal { journal, _ in
            let spec = TaskSpec(
                title: "Fix the login form", description: "The submit button does nothing.",
                type: "frontend_development", priority: .high, requirements: ["tests pass"],
                labels: ["ui", "bug"], target: "frontend", repository: "/srv/repo",
                issueURL: "https://example.com/issues/1", source: .github, idempotencyKey: "gh-1",
                timeoutSeconds: 90.5, maxAttempts: 4, metadata: ["github.event": "issues"])
            let record = TaskRecord(
                id: "t-1", spec: spec, state: .succeeded, attempts: 2, maxAttempts: 4, agent: "CC01",
                specialty: "frontend", createdAt: journalEpoch,
                updatedAt: journalDate(0.000_123_4),
                startedAt: journalDate(1.000_000_1),
                finishedAt: journalDate(61.987_654_3),
                notBefore: journalDate(3.3),
                result: TaskResult(
                    outcome: .succeeded, summary: "Fixed", pullRequestURL: "https://example.com/pr/2",
                    branch: "cc01/t-1", changedFiles: true, costUSD: 0.0123, durationMs: 60_987,
                    turns: 7, sessionID: "s-1", exitStatus: 0),
                error: "first attempt timed out")
            try journal.commit([.upsert(record)])

            #expect(try journal.task(id: "t-1") == record)
            #expect(try journal.task(id: "missing") == nil)
        }
    }

    @Test func upsertReplacesTheWholeRow() throws {
        try withJournal { journal, _ in
            var record = journalTask("t-1", agent: "CC01")
            try journal.commit([.upsert(record)])
            record.state = .running
            record.agent = "CC02"
            record.attempts = 1
            record.updatedAt = journalDate(5)
            try journal.commit([.upsert(record)])

            #expect(try journal.task(id: "t-1") == record)
            #expect(try journal.listTasks(TaskQuery(agent: "CC01")).tasks.isEmpty)
            #expect(try journal.listTasks(TaskQuery(agent: "CC02")).tasks == [record])
        }
    }

    @Test func progressLinesReadBackEqualAndInOrder() throws {
        try withJournal { journal, _ in
            let updates = (1...3).map { journalProgress("t-1", sequence: $0) }
            try journal.commit([.upsert(journalTask("t-1"))] + updates.map(JournalWrite.appendProgress))

            #expect(try journal.progress(taskID: "t-1", limit: 10) == updates)
            #expect(try journal.progress(taskID: "t-1", limit: 2) == Array(updates.suffix(2)))
            #expect(try journal.progress(taskID: "t-1", limit: 0).isEmpty)
        }
    }

    @Test func reopeningReturnsExactlyTheUnfinishedTasksOldestFirst() throws {
        try withJournalDirectory { directory in
            let states: [TaskState] = [.queued, .succeeded, .running, .failed, .assigned, .retrying, .cancelled,
                                       .timedOut, .deadLettered]
            // Created out of order, with a tie broken by id.
            let offsets: [Double] = [5, 1, 3, 0, 3, 9, 2, 4, 6]
            let records = zip(states, offsets).enumerated().map { index, pair in
                journalTask("t-\(index)", at: pair.1, state: pair.0)
            }
            do {
                let journal = try TaskJournal(directory: directory)
                try journal.commit(records.map(JournalWrite.upsert))
                try journal.close()
            }
            let reopened = try TaskJournal(directory: directory)
            let expected = records.filter { !$0.state.isTerminal }
                .sorted { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }
            #expect(try reopened.unfinishedTasks() == expected)
            #expect(try reopened.unfinishedTasks().map(\.id) == ["t-2", "t-4", "t-0", "t-5"])
        }
    }

    @Test func countsCoverEveryState() throws {
        try withJournal { journal, _ in
            try journal.commit([
                .upsert(journalTask("a", state: .queued)), .upsert(journalTask("b", state: .queued)),
                .upsert(journalTask("c", state: .failed)),
            ])
            let counts = try journal.counts()
            #expect(counts.count == TaskState.allCases.count)
            #expect(counts[.queued] == 2)
            #expect(counts[.failed] == 1)
            #expect(counts[.running] == 0)
        }
    }
}
