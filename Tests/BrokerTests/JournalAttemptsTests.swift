import Foundation
import Testing
import Wire

@testable import Broker

/// The journal keeps every attempt's cost, tokens, turns, duration, model and session.
@Suite struct JournalAttemptsTests {
    private func attempt(_ number: Int, cost: Double?, session: String?) -> AttemptRecord {
        AttemptRecord(
            taskID: "t-1", attempt: number, agent: "CC01", outcome: number == 1 ? .failed : .succeeded, costUSD: cost,
            usage: TokenUsage(inputTokens: 10 * number, outputTokens: number, cacheReadInputTokens: 5),
            turns: 2 + number, durationMs: 1000 * number, model: "claude-test", sessionID: session,
            branch: "cc01/t-1", endedAt: journalDate(Double(number)))
    }

    @Test func attemptsReadBackInOrderAndTheFirstRecordWins() throws {
        try withJournal { journal, _ in
            let first = attempt(1, cost: 0.25, session: "s1"), second = attempt(2, cost: nil, session: "s2")
            try journal.commit([.upsert(journalTask("t-1")), .recordAttempt(second), .recordAttempt(first)])
            try journal.commit([.recordAttempt(attempt(1, cost: 9, session: "late"))])
            #expect(try journal.attempts(taskID: "t-1") == [first, second])
            #expect(try journal.attempts(taskID: "other").isEmpty)
        }
    }

    @Test func anAttemptWithoutUsageReadsBackWithout() throws {
        try withJournal { journal, _ in
            var bare = attempt(1, cost: 0.1, session: nil)
            bare.usage = nil
            try journal.commit([.upsert(journalTask("t-1")), .recordAttempt(bare)])
            #expect(try journal.attempts(taskID: "t-1") == [bare])
        }
    }

    @Test func aRestoredTaskContinuesItsLastAttempt() throws {
        try withJournal { journal, _ in
            var parent = journalTask("p-1", state: .succeeded, agent: "CC02")
            parent.result = TaskResult(outcome: .succeeded, summary: "ok", branch: "cc02/p-1", sessionID: "sp")
            var child = journalTask("t-1", state: .retrying, agent: "CC01")
            child.spec.parent = "p-1"
            child.attempts = 1
            try journal.commit([.upsert(parent), .upsert(child)])
            #expect(try journal.continuation(of: child)
                == TaskContinuation(fromTask: "p-1", agent: "CC02", branch: "cc02/p-1", sessionID: "sp"))

            var booked = attempt(1, cost: 0.1, session: "s1")
            booked.branch = nil
            try journal.commit([.recordAttempt(booked)])
            #expect(try journal.continuation(of: child)
                == TaskContinuation(fromTask: "p-1", agent: "CC01", branch: "cc02/p-1", sessionID: "s1"))
        }
    }

    @Test func taskGetAnswersWithTheAttempts() throws {
        try withJournal { journal, _ in
            let first = attempt(1, cost: 0.25, session: "s1")
            try journal.commit([.upsert(journalTask("t-1")), .recordAttempt(first)])
            let address = ReplyAddress(peer: .client, framing: .spec, service: ClusterService.taskGet, correlationID: "c1")
            let action = BrokerQueryAnswerer(journal: journal)
                .answer(BrokerQuery(request: .task(TaskReference(taskID: "t-1")), replyTo: address))
            let reply = try #require([action].busReplies(ClusterService.TaskGet.self, to: .client).first)
            let detail = try reply.get()
            #expect(detail.attempts == [first.summary])
        }
    }

    @Test func aJournalFromBeforeAttemptsGainsTheTable() throws {
        try withJournalDirectory { directory in
            let record = journalTask("t-1", state: .succeeded, agent: "CC01")
            let path: String
            do {
                let journal = try TaskJournal(directory: directory)
                try journal.commit([.upsert(record)])
                path = journal.path
                try journal.close()
            }
            try sqlite(path, "DROP TABLE attempts; DELETE FROM grdb_migrations WHERE identifier = 'v2-attempts'")

            let reopened = try TaskJournal(directory: directory)
            defer { try? reopened.close() }
            #expect(try reopened.task(id: "t-1") == record)
            #expect(try reopened.attempts(taskID: "t-1").isEmpty)
            try reopened.commit([.recordAttempt(attempt(1, cost: 0.5, session: "s1"))])
            #expect(try reopened.attempts(taskID: "t-1").map(\.sessionID) == ["s1"])
        }
    }

    @discardableResult
    private func sqlite(_ path: String, _ statement: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [path, statement]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "sqlite3 failed on \(statement)")
        return String(decoding: printed, as: UTF8.self)
    }
}
