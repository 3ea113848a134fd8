@testable import Broker
import Foundation
import Testing
import Wire

/// The broker's commit of a batch against a real journal: the journal's refusal goes to
/// the state machine, and what leaves is only what is stored.
@Suite("BatchCommit: the journal's answer reaches the state machine")
struct BatchCommitTests {
    @Test("A task the journal refuses is never acknowledged; the batch's other writes are stored")
    func refusedWriteWithholdsTheAcknowledgement() throws {
        try withJournal { journal, _ in
            var h = StateHarness(.testing())
            var batch = h.submit(TaskSpec(title: "first", description: "d", target: "backend", idempotencyKey: "k")).1
            batch += h.call(ClusterService.TaskCancel.self, TaskReference(taskID: "t1"))
            batch += h.submit(TaskSpec(title: "other", description: "d", target: "backend")).1
            batch += h.submit(TaskSpec(title: "again", description: "d", target: "backend", idempotencyKey: "k")).1

            let written = try BatchCommit.commit(&batch, state: &h.state, journal: journal, now: h.now)

            #expect(written == batch.journalWrites.count)
            #expect(try journal.task(id: "t3") == nil, "the refused task is not stored")
            #expect(try journal.task(id: "t1")?.state == .cancelled)
            #expect(try journal.task(id: "t2")?.state == .queued)
            #expect(try journal.task(idempotencyKey: "k")?.id == "t1")
            let acknowledged = batch.submitAnswers.compactMap { try? $0.get().id }
            #expect(acknowledged == ["t1", "t2", "t1"], "every acknowledged task is in the journal")
            #expect(h.state.counters.tasksRefusedByJournal == 1)
        }
    }

    @Test("A batch with no writes commits nothing")
    func noWrites() throws {
        try withJournal { journal, _ in
            var h = StateHarness(.testing())
            var batch = h.call(ClusterService.Info.self, EmptyPayload())
            let written = try BatchCommit.commit(&batch, state: &h.state, journal: journal, now: h.now)
            #expect(written == nil)
        }
    }

    @Test("A second result that reaches the journal is counted by the state machine")
    func ignoredResultReachesTheCounter() throws {
        try withJournal { journal, _ in
            var h = StateHarness(.testing())
            let (peer, _) = h.agent("CC02", service: "backend")
            var batch = h.submit(TaskSpec(title: "once", description: "d", target: "backend")).1
            batch += h.complete("t1", from: peer)
            _ = try BatchCommit.commit(&batch, state: &h.state, journal: journal, now: h.now)
            #expect(h.state.counters.resultsIgnoredByJournal == 0)

            // A result write the state machine should never make: the journal keeps the first.
            var second: [BrokerAction] = [.journal(.recordResult(taskID: "t1", attempt: 1, TaskResult(outcome: .succeeded, summary: "again")))]
            _ = try BatchCommit.commit(&second, state: &h.state, journal: journal, now: h.now)
            #expect(h.state.counters.resultsIgnoredByJournal == 1)
            #expect(second.logs.contains { $0.level == "error" && $0.text.contains("t1") })
        }
    }
}
