import Foundation
import Testing
import Wire

@testable import Broker

/// The decisions the PostgreSQL journal makes for a batch, from what the database
/// answered, without a database.
@Suite struct PostgresBatchPlanTests {
    @Test func aTaskUpsertedTwiceKeepsItsFirstPlaceAndItsLastVersion() {
        let first = journalTask("a")
        var later = first
        later.state = .assigned
        let plan = PostgresBatchPlan([.upsert(first), .upsert(journalTask("b")), .upsert(later)])
        #expect(plan.tasks.map(\.record) == [later, journalTask("b")])
    }

    @Test func aKeyIsRefusedWhenAnotherTaskHoldsIt() {
        let plan = PostgresBatchPlan([
            .upsert(journalTask("mine", idempotencyKey: "k1")), .upsert(journalTask("new", idempotencyKey: "k2")),
            .upsert(journalTask("again", idempotencyKey: "k2")),
        ])
        #expect(plan.idempotencyKeys == ["k1", "k2"])
        // Stored under its own id: no conflict; the batch's second claim on k2 is refused.
        let conflict = plan.keyConflict(holders: ["k1": "mine"])
        #expect(conflict?.key == "k2" && conflict?.taskID == "again" && conflict?.holder == "new")
        let stored = plan.keyConflict(holders: ["k1": "someone-else"])
        #expect(stored?.taskID == "mine" && stored?.holder == "someone-else")
        #expect(PostgresBatchPlan([.upsert(journalTask("x", idempotencyKey: "k"))]).keyConflict(holders: [:]) == nil)
    }

    @Test func writesCountInOrderForWhetherTheirTaskIsKnown() {
        let before = JournalWrite.appendProgress(journalProgress("t", sequence: 1))
        let after = JournalWrite.appendProgress(journalProgress("t", sequence: 2))
        let stored = JournalWrite.appendTranscript(taskID: "old", attempt: 1, text: "x")
        let plan = PostgresBatchPlan([before, .upsert(journalTask("t")), after, stored])
        #expect(plan.tasksToLookUp == ["old", "t"])
        let rest = plan.rest(existing: ["old"])
        #expect(rest.unknown == [before])
        #expect(rest.progress.map(\.sequence) == [2])
        #expect(rest.transcripts.map(\.taskID) == ["old"])
        // Known before the batch, the early write counts too.
        #expect(plan.rest(existing: ["old", "t"]).unknown.isEmpty)
    }

    @Test func onlyTheFirstResultTheDatabaseTookIsRecorded() {
        let result = TaskResult(outcome: .succeeded, summary: "ok")
        let results = [("a", 1, result), ("a", 2, result), ("b", 1, result)].map { (taskID: $0.0, attempt: $0.1, result: $0.2) }
        #expect(PostgresBatchPlan.ignoredResults(results, recorded: ["a"]) == [
            .init(taskID: "a", attempt: 2), .init(taskID: "b", attempt: 1),
        ])
    }

    @Test func transcriptsAppendInOrderToWhatWasStored() {
        let writes = [("t", 1, "cd"), ("u", 1, "x"), ("t", 1, "ef")].map { (taskID: $0.0, attempt: $0.1, text: $0.2) }
        let tails = PostgresBatchPlan.transcriptTails(
            writes, stored: [TranscriptKey(taskID: "t", attempt: 1): TranscriptTail(text: "ab", droppedBytes: 3)], limit: 4)
        #expect(tails.map(\.key.taskID) == ["t", "u"])
        #expect(tails[0].tail == TranscriptTail(text: "cdef", droppedBytes: 5))
        #expect(tails[1].tail == TranscriptTail(text: "x", droppedBytes: 0))
    }

    @Test func aNulBecomesTheReplacementCharacter() {
        #expect(PostgresText.clean("a\u{0}b\u{0}") == "a\u{FFFD}b\u{FFFD}")
        #expect(PostgresText.clean("plain") == "plain")
    }
}
