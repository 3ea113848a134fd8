import Foundation
import Testing
import Wire

@testable import Broker

/// What the journal keeps and reads for the console: agent pauses, an agent's recent tasks
/// and cost, the per-minute history, and one attempt's transcript.
@Suite struct JournalAgentTests {
    @Test func pausesAreStoredReplacedAndRemoved() throws {
        try withJournalDirectory { directory in
            let pause = OperatorPause(agent: "CC01", drain: false, since: journalDate(0))
            do {
                let journal = try TaskJournal(directory: directory)
                try journal.commit([.setAgentPause(agent: "cc01", pause), .setAgentPause(agent: "cc02", pause)])
                try journal.commit([.setAgentPause(agent: "cc01", OperatorPause(agent: "CC01", drain: true, since: journalDate(0))),
                                    .setAgentPause(agent: "cc02", nil)])
                try journal.close()
            }
            // A reopened journal (a broker restart) holds what was committed.
            let reopened = try TaskJournal(directory: directory)
            defer { try? reopened.close() }
            #expect(try reopened.agentPauses() == ["cc01": OperatorPause(agent: "CC01", drain: true, since: journalDate(0))])
        }
    }

    @Test func anAgentsRecentTasksAreItsFinishedOnesNewestFirstAndItsCostSumsItsAttempts() throws {
        try withJournal { journal, _ in
            var writes: [JournalWrite] = []
            for index in 0..<25 {
                var record = journalTask("d-\(index)", at: Double(index), state: .succeeded, agent: "CC01")
                record.updatedAt = journalDate(1000 - Double(index))  // the first created ended last
                writes.append(.upsert(record))
            }
            writes.append(.upsert(journalTask("running", at: 50, state: .running, agent: "CC01")))
            writes.append(.upsert(journalTask("other", at: 51, state: .failed, agent: "CC02")))
            for (index, cost) in [0.5, 0.25].enumerated() {
                writes.append(.recordAttempt(AttemptRecord(
                    taskID: "d-\(index)", attempt: 1, agent: "CC01", outcome: .succeeded, costUSD: cost, usage: nil,
                    turns: nil, durationMs: nil, model: nil, sessionID: nil, branch: nil, endedAt: journalDate(0))))
            }
            try journal.commit(writes)
            let recent = try journal.recentTasks(ofAgent: "CC01", limit: AgentDetail.recentLimit)
            #expect(recent.map(\.id) == (0..<20).map { "d-\($0)" })
            #expect(try journal.totalCost(ofAgent: "CC01") == 0.75)
            #expect(try journal.totalCost(ofAgent: "nobody") == 0)

            // The answerer completes a snapshot with them, or describes an agent only the journal knows.
            let answerer = BrokerQueryAnswerer(journal: journal)
            let gone = try answerer.agentDetail(AgentSnapshot(name: "CC02", status: nil, running: [])).get()
            #expect(gone.status.state == .offline && gone.recent.map(\.id) == ["other"])
            #expect(throws: BusError.self) {
                try answerer.agentDetail(AgentSnapshot(name: "CC77", status: nil, running: [])).get()
            }
        }
    }

    @Test func historyCountsEndingsPerMinuteWithMedians() throws {
        try withJournal { journal, _ in
            // Whole minutes since 1970, so the buckets are easy to name.
            let minute0 = Date(timeIntervalSince1970: 1_800_000_000)
            func ended(_ id: String, _ state: TaskState, minute: Double, second: Double, wait: Double?, run: Double) -> JournalWrite {
                let end = minute0.addingTimeInterval(minute * 60 + second)
                let start = end.addingTimeInterval(-run)
                var record = TaskRecord(
                    id: id, spec: TaskSpec(title: id, description: "d"), state: state, attempts: 1, agent: "CC01",
                    createdAt: start.addingTimeInterval(-(wait ?? 0)), updatedAt: end,
                    startedAt: wait == nil ? nil : start, finishedAt: end)
                record.spec.title = id
                return .upsert(record)
            }
            try journal.commit([
                ended("a", .succeeded, minute: 0, second: 10, wait: 1, run: 10),
                ended("b", .succeeded, minute: 0, second: 20, wait: 3, run: 20),
                ended("c", .failed, minute: 0, second: 30, wait: 2, run: 30),
                ended("d", .timedOut, minute: 1, second: 5, wait: 0.5, run: 4),
                ended("e", .cancelled, minute: 1, second: 6, wait: nil, run: 0),
                ended("old", .succeeded, minute: -5, second: 0, wait: 1, run: 1),
                .upsert(journalTask("queued", state: .queued)),
            ])
            let history = try journal.history(minutes: 3, until: minute0.addingTimeInterval(60 + 59.9))
            #expect(history.bucketSeconds == 60)
            #expect(history.buckets.map(\.start) == [-60, 0, 60].map { minute0.addingTimeInterval($0) })
            let (empty, first, second) = (history.buckets[0], history.buckets[1], history.buckets[2])
            #expect(empty == TaskHistoryBucket(start: minute0.addingTimeInterval(-60)))
            #expect(first.succeeded == 2 && first.failed == 1 && first.cancelled == 0)
            #expect(first.queueWaitP50Ms == 2000 && first.runTimeP50Ms == 20000)
            #expect(second.succeeded == 0 && second.failed == 1 && second.cancelled == 1)
            #expect(second.queueWaitP50Ms == 500 && second.runTimeP50Ms == 4000)

            let json = String(decoding: JSONWire.encodeBytes(empty), as: UTF8.self)
            #expect(json.contains("\"queue_wait_p50_ms\":null") && json.contains("\"run_time_p50_ms\":null"))
        }
    }

    @Test func oneAttemptsTranscriptIsAnsweredAndAMissingOneIsNotFound() throws {
        try withJournal { journal, _ in
            try journal.commit([.upsert(journalTask("t-1")), .appendTranscript(taskID: "t-1", attempt: 1, text: "first try\n"),
                                .appendTranscript(taskID: "t-1", attempt: 2, text: "second try\n")])
            let answerer = BrokerQueryAnswerer(journal: journal)
            func log(_ attempt: Int?) throws -> BusReply<TaskLog> {
                let address = ReplyAddress(peer: .client, framing: .spec, service: ClusterService.taskLog, correlationID: "c")
                let action = answerer.answer(BrokerQuery(request: .log(TaskReference(taskID: "t-1", attempt: attempt)), replyTo: address))
                let reply = try #require([action].finals(to: .client).first)
                return try ClusterService.TaskLogs.decodeReply(reply.body)
            }
            #expect(try log(nil).get().text == "second try\n")
            #expect(try log(1).get().text == "first try\n")
            #expect(throws: BusError.self) { try log(3).get() }
        }
    }

    /// The history of the last hour of a journal of 100,000 finished tasks, 40,000 of
    /// them in that hour: one scan of the finished-tasks index. Prints the time taken
    /// (docs/BENCHMARKS.md); the bound only catches a full-table scan gone quadratic.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["CLUSTER_HISTORY_BENCH"] != nil))
    func historyOfALargeJournal() throws {
        try withJournal { journal, _ in
            let now = Date(timeIntervalSince1970: 1_800_000_000)
            var writes: [JournalWrite] = []
            for index in 0..<100_000 {
                let end = now.addingTimeInterval(-Double(index) * 0.09)  // 100k over 2.5 hours
                var record = TaskRecord(
                    id: "h-\(index)", spec: TaskSpec(title: "task \(index)", description: String(repeating: "x", count: 400)),
                    state: index % 10 == 0 ? .failed : .succeeded, attempts: 1, agent: "CC0\(index % 4)",
                    createdAt: end.addingTimeInterval(-30), updatedAt: end, startedAt: end.addingTimeInterval(-20), finishedAt: end)
                record.result = TaskResult(outcome: .succeeded, summary: "done")
                writes.append(.upsert(record))
                if writes.count == 5000 {
                    try journal.commit(writes)
                    writes.removeAll()
                }
            }
            let clock = ContinuousClock()
            var history: TaskHistory?
            let elapsed = try clock.measure { history = try journal.history(minutes: 60, until: now) }
            let total = history?.buckets.reduce(0) { $0 + $1.succeeded + $1.failed } ?? 0
            print("history of the last hour over 100,000 finished tasks (\(total) in the hour): \(elapsed)")
            #expect(total > 39_000 && total < 41_000)
            #expect(elapsed < .seconds(5))
        }
    }
}
