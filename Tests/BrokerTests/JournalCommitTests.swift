import Foundation
import Testing
import Wire

@testable import Broker

@Suite struct JournalCommitTests {
    @Test func aThousandUpsertsCommitInOneBatch() throws {
        try withJournal { journal, _ in
            let records = (0..<1_000).map { journalTask(String(format: "t-%04d", $0), at: Double($0)) }
            let clock = ContinuousClock()
            let elapsed = try clock.measure {
                try journal.commit(records.map(JournalWrite.upsert))
            }
            #expect(try journal.counts()[.queued] == 1_000)
            #expect(try journal.unfinishedTasks() == records)
            // One transaction with one fsync takes milliseconds; a transaction per row would
            // take seconds with synchronous = FULL. The bound is loose for a busy machine.
            #expect(elapsed < .seconds(2), "1,000 upserts took \(elapsed)")
        }
    }

    @Test func aFailingBatchStoresNothing() throws {
        try withJournal { journal, _ in
            try journal.commit([.upsert(journalTask("held", idempotencyKey: "key-1"))])
            var batch = (0..<500).map { JournalWrite.upsert(journalTask("t-\($0)")) }
            batch.append(.upsert(journalTask("thief", idempotencyKey: "key-1")))
            batch.append(.upsert(journalTask("after")))

            let error = #expect(throws: JournalError.self) { try journal.commit(batch) }
            guard case let .duplicateIdempotencyKey(_, key, taskID, existing) = error else {
                Issue.record("unexpected error \(String(describing: error))")
                return
            }
            #expect(key == "key-1" && taskID == "thief" && existing == "held")
            #expect(try journal.counts().values.reduce(0, +) == 1)
            #expect(try journal.task(id: "t-0") == nil)
            // The journal is still usable after a rolled-back batch.
            try journal.commit([.upsert(journalTask("next"))])
            #expect(try journal.task(id: "next") != nil)
        }
    }

    @Test func idempotencyKeyFindsItsTask() throws {
        try withJournal { journal, _ in
            let record = journalTask("t-1", idempotencyKey: "delivery-42")
            try journal.commit([.upsert(record), .upsert(journalTask("t-2"))])
            #expect(try journal.task(idempotencyKey: "delivery-42") == record)
            #expect(try journal.task(idempotencyKey: "delivery-43") == nil)
            // Tasks without a key never collide with each other.
            try journal.commit([.upsert(journalTask("t-3"))])
            #expect(try journal.counts()[.queued] == 3)
        }
    }

    @Test func writesForAnUnknownTaskAreReportedNotStored() throws {
        try withJournal { journal, _ in
            let stray: [JournalWrite] = [
                .appendProgress(journalProgress("ghost", sequence: 1)),
                .appendTranscript(taskID: "ghost", attempt: 1, text: "boo"),
                .recordResult(taskID: "ghost", attempt: 1, TaskResult(outcome: .failed, summary: "?")),
            ]
            let summary = try journal.commit(stray + [.upsert(journalTask("real"))])
            #expect(summary.unknownTaskWrites == stray)
            #expect(try journal.task(id: "real") != nil)
            #expect(try journal.progress(taskID: "ghost", limit: 10).isEmpty)
            #expect(try journal.recordedResultCount(taskID: "ghost") == 0)
        }
    }

    @Test func aTaskChangedSeveralTimesInOneBatchIsStoredInItsLastVersion() throws {
        try withJournal { journal, _ in
            let result = TaskResult(outcome: .succeeded, summary: "done")
            var finished = journalTask("t-1", state: .succeeded, agent: "CC02")
            finished.result = result
            let summary = try journal.commit([
                .upsert(journalTask("t-1")),
                .upsert(journalTask("t-2", at: 1)),
                .appendProgress(journalProgress("t-1", sequence: 1)),
                .upsert(journalTask("t-1", state: .assigned, agent: "CC01")),
                .appendTranscript(taskID: "t-1", attempt: 1, text: "tail"),
                .recordResult(taskID: "t-1", attempt: 1, result),
                .upsert(finished),
            ])
            #expect(summary.storedEverything)
            #expect(try journal.task(id: "t-1") == finished)
            #expect(try journal.task(id: "t-2") == journalTask("t-2", at: 1))
            #expect(try journal.counts().filter { $0.value > 0 } == [.succeeded: 1, .queued: 1])
            #expect(try journal.progress(taskID: "t-1", limit: 5).count == 1)
            #expect(try journal.recordedResultCount(taskID: "t-1") == 1)
            // Later batches still update the row as usual.
            try journal.commit([.upsert(journalTask("t-2", at: 1, state: .running, agent: "CC03"))])
            #expect(try journal.task(id: "t-2")?.agent == "CC03")
            #expect(try journal.counts().filter { $0.value > 0 } == [.succeeded: 1, .running: 1])
        }
    }

    @Test func aTaskUpsertedEarlierInTheBatchIsKnownToLaterWrites() throws {
        try withJournal { journal, _ in
            let summary = try journal.commit([
                .upsert(journalTask("t-1")), .appendProgress(journalProgress("t-1", sequence: 1)),
            ])
            #expect(summary.storedEverything)
            #expect(try journal.progress(taskID: "t-1", limit: 5).count == 1)
        }
    }

    @Test func anEmptyBatchIsANoOp() throws {
        try withJournal { journal, _ in
            let summary = try journal.commit([])
            #expect(summary.storedEverything)
        }
    }
}
