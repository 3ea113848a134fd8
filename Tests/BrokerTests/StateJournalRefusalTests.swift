@testable import Broker
import Foundation
import Testing
import Wire

/// The journal's answers to a batch as inputs of the state machine: a refused task is
/// never acknowledged, and a second result the journal ignored is counted.
@Suite("BrokerState: the journal's refusals and what it left out")
struct StateJournalRefusalTests {
    /// One batch in which a keyed task ends and the same key is submitted again: the state
    /// machine no longer holds the first task and the journal does not have it yet, so it
    /// accepts a second task with the key, which the journal will refuse.
    private func batchWithSecondKeyedTask(_ h: inout StateHarness) -> [BrokerAction] {
        var batch = h.submit(TaskSpec(title: "first", description: "d", target: "backend", idempotencyKey: "k")).1
        batch += h.call(ClusterService.TaskCancel.self, TaskReference(taskID: "t1"))
        batch += h.submit(TaskSpec(title: "again", description: "d", target: "backend", idempotencyKey: "k")).1
        return batch
    }

    @Test("A refused task's acknowledgement is withheld and its submitter gets the task holding the key")
    func refusalWithholdsTheAcknowledgement() throws {
        var h = StateHarness(.testing())
        let batch = batchWithSecondKeyedTask(&h)
        // Without the journal's answer the batch would acknowledge a task that is never stored.
        #expect(batch.submitAnswers.compactMap { try? $0.get().id } == ["t1", "t2"])
        #expect(batch.upserts.contains { $0.id == "t2" })

        let revised = h.state.journalRefused(
            JournalRefusal(taskID: "t2", idempotencyKey: "k", holderID: "t1"), batch: batch, now: h.now)

        let acknowledged = revised.submitAnswers.compactMap { try? $0.get() }
        #expect(acknowledged.map(\.id) == ["t1", "t1"])
        #expect(acknowledged.last?.state == .cancelled, "answered with the holder as the batch leaves it")
        #expect(revised.submitAnswers.map(\.id) == ["c1", "c3"])
        #expect(!revised.journalWrites.contains { $0.taskID == "t2" })
        #expect(!revised.published.contains { $0.topic == Topic.task("t2") })
        #expect(revised.journalWrites.filter { $0.taskID == "t1" }.count == batch.journalWrites.filter { $0.taskID == "t1" }.count)
        #expect(revised.logs.contains { $0.level == "error" && $0.text.contains("refused task t2") })
        #expect(h.state.counters.tasksRefusedByJournal == 1)
        #expect(h.state.tasks["t2"] == nil)

        // The key now answers with the stored task, as a resent submit would be answered.
        let committedHolder = try #require(revised.upserts.last { $0.id == "t1" })
        let (resent, _) = h.submit(TaskSpec(title: "again", description: "d", target: "backend", idempotencyKey: "k"),
                                   existingTask: committedHolder)
        #expect(resent?.id == "t1")
    }

    @Test("A refused task that was dispatched in the batch is taken back and its slot serves the next task")
    func refusedDispatchFreesTheSlot() throws {
        var h = StateHarness(.testing())
        let (peer, _) = h.agent("CC02", service: "backend")
        var batch = h.submit(TaskSpec(title: "first", description: "d", target: "backend", idempotencyKey: "k")).1
        #expect(batch.assignments(to: peer).map(\.taskID) == ["t1"])
        batch += h.complete("t1", from: peer)
        batch += h.submit(TaskSpec(title: "again", description: "d", target: "backend", idempotencyKey: "k")).1
        batch += h.submit(TaskSpec(title: "other", description: "d", target: "backend")).1
        #expect(batch.assignments(to: peer).map(\.taskID) == ["t1", "t2"])

        let revised = h.state.journalRefused(
            JournalRefusal(taskID: "t2", idempotencyKey: "k", holderID: "t1"), batch: batch, now: h.now)

        #expect(revised.assignments(to: peer).map(\.taskID) == ["t1", "t3"])
        let acknowledged = revised.submitAnswers.compactMap { try? $0.get() }
        #expect(acknowledged.map(\.id) == ["t1", "t1", "t3"])
        #expect(acknowledged[1].state == .succeeded)
        #expect(h.state.tasks["t3"]?.holder == peer)
        // The agent's only slot went to t3: a FINAL for t2 is a stranger's.
        _ = h.complete("t2", from: peer)
        #expect(h.state.counters.duplicateResults == 1)
    }

    @Test("A refused task whose key holder cannot be found is answered conflict, not acknowledged")
    func unknownHolderAnswersConflict() throws {
        var h = StateHarness(.testing())
        let batch = h.submit(TaskSpec(title: "lonely", description: "d", target: "backend", idempotencyKey: "k")).1

        let revised = h.state.journalRefused(
            JournalRefusal(taskID: "t1", idempotencyKey: "k", holderID: nil), batch: batch, now: h.now)

        #expect(revised.submitAnswers.compactMap { try? $0.get() }.isEmpty)
        #expect(revised.busErrors(to: .client).map(\.error.code) == [.conflict])
        #expect(revised.busErrors(to: .client).map(\.id) == ["c1"])
        #expect(revised.journalWrites.isEmpty && revised.published.isEmpty)
        #expect(h.state.tasks.count == 0)
    }

    @Test("A refused task's holder read from the journal answers the submit")
    func committedHolderAnswers() throws {
        var h = StateHarness(.testing())
        let batch = h.submit(TaskSpec(title: "late", description: "d", target: "backend", idempotencyKey: "k")).1
        let stored = TaskRecord(
            id: "stored", spec: TaskSpec(title: "earlier", description: "d", idempotencyKey: "k"), state: .succeeded,
            attempts: 1, maxAttempts: 3, createdAt: h.now.wall, updatedAt: h.now.wall)

        let revised = h.state.journalRefused(
            JournalRefusal(taskID: "t1", idempotencyKey: "k", holderID: "stored", committedHolder: stored), batch: batch, now: h.now)

        #expect(revised.submitAnswers.compactMap { try? $0.get().id } == ["stored"])
    }

    @Test("A result the journal ignored is counted and logged; a clean commit adds nothing")
    func ignoredResultsAreCounted() {
        var h = StateHarness(.testing())
        #expect(h.state.journalCommitted(JournalCommitSummary()).isEmpty)
        var summary = JournalCommitSummary()
        summary.ignoredResults = [.init(taskID: "t9", attempt: 2)]
        let actions = h.state.journalCommitted(summary)
        #expect(h.state.counters.resultsIgnoredByJournal == 1)
        #expect(actions.logs.map(\.level) == ["error"])
        #expect(h.state.metrics(now: h.now).prometheusText.contains("cluster_broker_results_ignored_by_journal_total 1"))
    }
}

extension Array where Element == BrokerAction {
    /// The answers to `mmi.task.submit` sent to the test client, in order (a cancel's reply
    /// carries a task record too, so the service tells them apart).
    var submitAnswers: [BusReply<TaskRecord>] {
        finals(to: .client).filter { $0.service == ClusterService.taskSubmit }
            .compactMap { try? ClusterService.TaskSubmit.decodeReply($0.body) }
    }
}
