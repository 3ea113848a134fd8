import Foundation
import Testing
import Wire

@testable import Broker

/// The rules every journal backend keeps (``JournalStore``), each test run once on SQLite
/// and once on PostgreSQL.
@Suite struct JournalConformanceTests {
    @Test(arguments: JournalBackend.testable)
    func storesTasksAndReadsThemBack(_ backend: JournalBackend) async throws {
        let spot = try await JournalSpot.make(backend)
        try spot.with { journal throws in
            let records = (0..<50).map { journalTask(String(format: "t-%03d", $0), at: Double($0 % 7), idempotencyKey: "key-\($0)") }
            try journal.commit(records.shuffled().map(JournalWrite.upsert))
            #expect(try journal.unfinishedTasks() == records.sorted { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) })
            #expect(try journal.task(id: "t-007") == records[7])
            #expect(try journal.task(idempotencyKey: "key-7") == records[7])
            #expect(try journal.task(id: "t-999") == nil)
            #expect(try journal.task(idempotencyKey: "key-999") == nil)
            var finished = records[3]
            finished.state = .succeeded
            try journal.commit([.upsert(finished)])
            let counts = try journal.counts()
            #expect(counts[.queued] == 49 && counts[.succeeded] == 1 && counts[.failed] == 0)
            #expect(counts.count == TaskState.allCases.count)
            #expect(try !journal.unfinishedTasks().contains { $0.id == "t-003" })
        }
        // What was committed is there for the next broker.
        try spot.with { journal throws in
            #expect(try journal.unfinishedTasks().count == 49)
            #expect(try journal.task(id: "t-003")?.state == .succeeded)
        }
    }

    @Test(arguments: JournalBackend.testable)
    func aTaskChangedTwiceInABatchIsStoredInItsLastVersion(_ backend: JournalBackend) async throws {
        let spot = try await JournalSpot.make(backend)
        try spot.with { journal throws in
            let queued = journalTask("t-1", agent: nil)
            var assigned = queued
            assigned.state = .assigned
            assigned.agent = "CC01"
            try journal.commit([
                .upsert(queued), .appendProgress(journalProgress("t-1", sequence: 1)), .upsert(assigned),
            ])
            #expect(try journal.task(id: "t-1") == assigned)
            #expect(try journal.progress(taskID: "t-1", limit: 10).count == 1)
            let page = try journal.listTasks(TaskQuery(agent: "CC01"))
            #expect(page.tasks.map(\.id) == ["t-1"])
        }
    }

    @Test(arguments: JournalBackend.testable)
    func aTaskReusingAKeyRollsTheWholeBatchBack(_ backend: JournalBackend) async throws {
        let spot = try await JournalSpot.make(backend)
        try spot.with { journal throws in
            try journal.commit([.upsert(journalTask("held", idempotencyKey: "key-1"))])
            var batch = (0..<200).map { JournalWrite.upsert(journalTask("t-\($0)")) }
            batch.append(.appendProgress(journalProgress("held", sequence: 1)))
            batch.append(.upsert(journalTask("thief", idempotencyKey: "key-1")))
            batch.append(.upsert(journalTask("after")))
            let error = #expect(throws: JournalError.self) { try journal.commit(batch) }
            guard case let .duplicateIdempotencyKey(path, key, taskID, existing) = error else {
                Issue.record("unexpected error \(String(describing: error))")
                return
            }
            #expect(path == journal.location)
            #expect(key == "key-1" && taskID == "thief" && existing == "held")
            #expect(try journal.counts().values.reduce(0, +) == 1)
            #expect(try journal.task(id: "t-0") == nil)
            #expect(try journal.progress(taskID: "held", limit: 10).isEmpty)
            // Still usable after a rolled-back batch.
            try journal.commit([.upsert(journalTask("next"))])
            #expect(try journal.task(id: "next") != nil)
        }
    }

    @Test(arguments: JournalBackend.testable)
    func twoTasksOfOneBatchWithOneKeyRefuseTheSecond(_ backend: JournalBackend) async throws {
        let spot = try await JournalSpot.make(backend)
        try spot.with { journal throws in
            let error = #expect(throws: JournalError.self) {
                try journal.commit([
                    .upsert(journalTask("first", idempotencyKey: "same")), .upsert(journalTask("second", idempotencyKey: "same")),
                ])
            }
            guard case let .duplicateIdempotencyKey(_, _, taskID, existing) = error else {
                Issue.record("unexpected error \(String(describing: error))")
                return
            }
            #expect(taskID == "second" && existing == "first")
            #expect(try journal.task(id: "first") == nil)
        }
    }

    @Test(arguments: JournalBackend.testable)
    func theFirstResultOfATaskWins(_ backend: JournalBackend) async throws {
        let spot = try await JournalSpot.make(backend)
        try spot.with { journal throws in
            let first = TaskResult(outcome: .succeeded, summary: "first")
            let second = TaskResult(outcome: .failed, summary: "second")
            let third = TaskResult(outcome: .failed, summary: "third")
            let summary = try journal.commit([
                .upsert(journalTask("t-1")), .upsert(journalTask("t-2")),
                .recordResult(taskID: "t-1", attempt: 1, first), .recordResult(taskID: "t-1", attempt: 2, second),
                .recordResult(taskID: "t-2", attempt: 1, second),
            ])
            #expect(summary.ignoredResults == [.init(taskID: "t-1", attempt: 2)])
            let later = try journal.commit([.recordResult(taskID: "t-2", attempt: 3, third)])
            #expect(later.ignoredResults == [.init(taskID: "t-2", attempt: 3)])
            #expect(try journal.recordedResult(taskID: "t-1") == RecordedResult(attempt: 1, result: first))
            #expect(try journal.recordedResult(taskID: "t-2") == RecordedResult(attempt: 1, result: second))
            #expect(try journal.recordedResultCount(taskID: "t-1") == 1)
            #expect(try journal.recordedResultCount(taskID: "t-3") == 0)
            #expect(try journal.recordedResult(taskID: "t-3") == nil)
        }
    }

    @Test(arguments: JournalBackend.testable)
    func progressIsStoredOnceInOrderAndTrimmedToTheNewest(_ backend: JournalBackend) async throws {
        let spot = try await JournalSpot.make(backend)
        try spot.with(options: JournalOptions(progressLimit: 5)) { journal throws in
            try journal.commit([.upsert(journalTask("t-1")), .upsert(journalTask("t-2"))])
            let summary = try journal.commit(
                [3, 1, 2, 2].map { .appendProgress(journalProgress("t-1", sequence: $0)) }
                    + [.appendProgress(journalProgress("t-2", sequence: 1))])
            #expect(summary.duplicateProgress == 1)
            #expect(try journal.progress(taskID: "t-1", limit: 10).map(\.sequence) == [3, 1, 2])
            let again = try journal.commit((1...9).map { .appendProgress(journalProgress("t-1", sequence: $0)) })
            #expect(again.duplicateProgress == 3)
            #expect(try journal.progress(taskID: "t-1", limit: 10).map(\.sequence) == [5, 6, 7, 8, 9])
            #expect(try journal.progress(taskID: "t-1", limit: 2).map(\.sequence) == [8, 9])
            #expect(try journal.progress(taskID: "t-2", limit: 10) == [journalProgress("t-2", sequence: 1)])
            #expect(try journal.progress(taskID: "t-1", limit: 0).isEmpty)
        }
    }

    @Test(arguments: JournalBackend.testable)
    func transcriptsKeepTheNewestTextOfEachAttempt(_ backend: JournalBackend) async throws {
        let spot = try await JournalSpot.make(backend)
        try spot.with(options: JournalOptions(transcriptByteLimit: 10)) { journal throws in
            try journal.commit([
                .upsert(journalTask("t-1")),
                .appendTranscript(taskID: "t-1", attempt: 1, text: "abcdef"),
                .appendTranscript(taskID: "t-1", attempt: 1, text: "ghij"),
            ])
            #expect(try journal.transcript(taskID: "t-1", attempt: 1) == "abcdefghij")
            try journal.commit([.appendTranscript(taskID: "t-1", attempt: 1, text: "klm")])
            #expect(try journal.transcript(taskID: "t-1", attempt: 1)
                == "[task journal: 3 earlier bytes of this transcript were dropped]\ndefghijklm")
            try journal.commit([.appendTranscript(taskID: "t-1", attempt: 2, text: "second")])
            #expect(try journal.transcript(taskID: "t-1") == "second")
            #expect(try journal.transcript(taskID: "t-1", attempt: 3) == nil)
            #expect(try journal.transcript(taskID: "t-2") == nil)
        }
    }

    @Test(arguments: JournalBackend.testable)
    func writesForAnUnknownTaskAreReportedNotStored(_ backend: JournalBackend) async throws {
        let spot = try await JournalSpot.make(backend)
        try spot.with { journal throws in
            // Writes count in order: a task upserted later in the batch is not known yet.
            let early = JournalWrite.appendProgress(journalProgress("late", sequence: 1))
            let stray: [JournalWrite] = [
                .appendTranscript(taskID: "ghost", attempt: 1, text: "boo"),
                .recordResult(taskID: "ghost", attempt: 1, TaskResult(outcome: .failed, summary: "?")),
                .recordAttempt(AttemptRecord(taskID: "ghost", attempt: 1, agent: nil, outcome: .failed, endedAt: journalEpoch)),
            ]
            let summary = try journal.commit([early] + stray + [.upsert(journalTask("late"))])
            #expect(summary.unknownTaskWrites == [early] + stray)
            #expect(try journal.task(id: "late") != nil)
            #expect(try journal.progress(taskID: "late", limit: 10).isEmpty)
            #expect(try journal.task(id: "ghost") == nil)
        }
    }

    @Test(arguments: JournalBackend.testable)
    func attemptsKeepTheFirstRecordOfEachAttempt(_ backend: JournalBackend) async throws {
        let spot = try await JournalSpot.make(backend)
        try spot.with { journal throws in
            let full = AttemptRecord(
                taskID: "t-1", attempt: 1, agent: "CC01", outcome: .succeeded, costUSD: 0.25,
                usage: TokenUsage(inputTokens: 10, outputTokens: 20, cacheReadInputTokens: 30, cacheCreationInputTokens: 40),
                turns: 3, durationMs: 1_500, model: "claude-test", sessionID: "s-1", branch: "cc01/t-1", endedAt: journalDate(5))
            let bare = AttemptRecord(taskID: "t-1", attempt: 2, agent: nil, outcome: .failed, endedAt: journalDate(9))
            var changed = full
            changed.costUSD = 99
            try journal.commit([.upsert(journalTask("t-1")), .recordAttempt(full), .recordAttempt(bare), .recordAttempt(changed)])
            #expect(try journal.attempts(taskID: "t-1") == [full, bare])
            #expect(try journal.attempts(taskID: "t-2").isEmpty)
        }
    }

    @Test(arguments: JournalBackend.testable)
    func pagesFollowFiltersAndCursorsNewestFirst(_ backend: JournalBackend) async throws {
        let spot = try await JournalSpot.make(backend)
        try spot.with { journal throws in
            let states: [TaskState] = [.queued, .running, .succeeded, .failed]
            let sources: [TaskSource] = [.api, .github, .cli]
            let records = (0..<25).map { index in
                journalTask(
                    "t-\(index)", at: Double(index % 10), state: states[index % states.count],
                    agent: index % 2 == 0 ? "CC01" : "CC02", source: sources[index % sources.count])
            }
            try journal.commit(records.shuffled().map(JournalWrite.upsert))
            let newestFirst = records.sorted { ($0.createdAt, $0.id) > ($1.createdAt, $1.id) }
            for query in [
                TaskQuery(limit: 4), TaskQuery(states: [.queued, .failed], limit: 3), TaskQuery(agent: "CC02", limit: 5),
                TaskQuery(source: .github, limit: 2), TaskQuery(states: [.running], agent: "CC02", source: .cli, limit: 1),
            ] {
                var pages: [TaskPage] = []
                var next = query
                while pages.count < 50 {
                    let page = try journal.listTasks(next)
                    pages.append(page)
                    guard let cursor = page.nextCursor else { break }
                    let parsed = try #require(TaskCursor(cursor))
                    next.cursor = parsed
                }
                let expected = newestFirst.filter { record in
                    (query.states.isEmpty || query.states.contains(record.state))
                        && (query.agent == nil || record.agent == query.agent)
                        && (query.source == nil || record.spec.source == query.source)
                }
                #expect(pages.flatMap(\.tasks) == expected, "query \(query)")
                #expect(pages.dropLast().allSatisfy { $0.tasks.count == query.limit })
            }
        }
    }

    @Test(arguments: JournalBackend.testable)
    func aFollowUpContinuesFromItsLastAttemptAndParent(_ backend: JournalBackend) async throws {
        let spot = try await JournalSpot.make(backend)
        try spot.with { journal throws in
            var parent = journalTask("p-1", state: .succeeded, agent: "CC02")
            parent.result = TaskResult(outcome: .succeeded, summary: "ok", branch: "cc02/p-1", sessionID: "sp")
            var child = journalTask("c-1", state: .retrying, agent: "CC01")
            child.spec.parent = "p-1"
            child.attempts = 1
            try journal.commit([.upsert(parent), .upsert(child)])
            #expect(try journal.continuation(of: child)
                == TaskContinuation(fromTask: "p-1", agent: "CC02", branch: "cc02/p-1", sessionID: "sp"))
            var booked = AttemptRecord(
                taskID: "c-1", attempt: 1, agent: "CC01", outcome: .failed, costUSD: 0.1, sessionID: "s1", endedAt: journalDate(3))
            booked.branch = nil
            try journal.commit([.recordAttempt(booked)])
            #expect(try journal.continuation(of: child)
                == TaskContinuation(fromTask: "p-1", agent: "CC01", branch: "cc02/p-1", sessionID: "s1"))
        }
    }

    @Test(arguments: JournalBackend.testable)
    func textWithANulCharacterNeverFailsABatch(_ backend: JournalBackend) async throws {
        let spot = try await JournalSpot.make(backend)
        try spot.with { journal throws in
            var update = journalProgress("t-1", sequence: 1)
            update.message = "before\u{0}after"
            try journal.commit([
                .upsert(journalTask("t-1", agent: "CC\u{0}1", idempotencyKey: "k\u{0}ey")), .appendProgress(update),
                .appendTranscript(taskID: "t-1", attempt: 1, text: "out\u{0}put"),
            ])
            #expect(try journal.task(idempotencyKey: "k\u{0}ey")?.id == "t-1")
            let message = try journal.progress(taskID: "t-1", limit: 1).first?.message
            // PostgreSQL text cannot hold U+0000 and keeps U+FFFD instead; SQLite stores the
            // line, and GRDB reads its text back up to the NUL.
            #expect(message == (backend == .sqlite ? "before" : "before\u{FFFD}after"))
            #expect(try journal.transcript(taskID: "t-1")?.hasPrefix("out") == true)
        }
    }

    @Test(arguments: JournalBackend.testable)
    func aClosedJournalRefusesEveryCall(_ backend: JournalBackend) async throws {
        let spot = try await JournalSpot.make(backend)
        let journal = try spot.open()
        try journal.close()
        try journal.close()
        #expect(throws: JournalError.closed(path: journal.location)) { _ = try journal.task(id: "t-1") }
        #expect(throws: JournalError.closed(path: journal.location)) { try journal.commit([.upsert(journalTask("t-1"))]) }
    }
}
