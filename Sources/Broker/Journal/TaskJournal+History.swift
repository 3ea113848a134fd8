import Foundation
import GRDB
import Wire

extension TaskJournal {
    /// The newest `limit` progress lines of a task (at most ``JournalOptions/progressLimit``
    /// are kept), oldest first, in the order they were committed.
    func progress(taskID: String, limit: Int) throws(JournalError) -> [ProgressUpdate] {
        guard limit > 0 else { return [] }
        return try read("the progress of task \(taskID)") { db in
            let statement = try db.cachedStatement(sql: """
                SELECT attempt, sequence, kind, message, at, version FROM progress
                WHERE task_id = ? ORDER BY id DESC LIMIT ?
                """)
            var updates: [ProgressUpdate] = []
            let rows = try Row.fetchCursor(statement, arguments: [taskID, limit])
            while let row = try rows.next() {
                let kindName = try row.decode(String.self, atIndex: 2)
                guard let kind = ProgressUpdate.Kind(rawValue: kindName) else {
                    throw JournalError.undecodableRow(
                        path: path, what: "a progress line of task \(taskID)", reason: "unknown kind \"\(kindName)\"")
                }
                var update = ProgressUpdate(
                    taskID: taskID, attempt: try row.decode(Int.self, atIndex: 0),
                    sequence: try row.decode(Int.self, atIndex: 1), kind: kind,
                    message: try row.decode(String.self, atIndex: 3),
                    at: Date(journalSeconds: try row.decode(Double.self, atIndex: 4)))
                update.v = try row.decode(Int.self, atIndex: 5)
                updates.append(update)
            }
            return updates.reversed()
        }
    }

    /// The transcript of the task's latest attempt that has one, or nil. When older text
    /// was dropped to respect ``JournalOptions/transcriptByteLimit``, a one-line note
    /// saying how much comes first.
    func transcript(taskID: String) throws(JournalError) -> String? {
        try read("the transcript of task \(taskID)") { db in
            let statement = try db.cachedStatement(sql: """
                SELECT text, dropped_bytes FROM transcripts WHERE task_id = ?
                ORDER BY attempt DESC LIMIT 1
                """)
            return try Row.fetchOne(statement, arguments: [taskID]).map(transcriptTail)?.shownText
        }
    }

    /// The transcript of one attempt of a task, or nil; shortened as ``transcript(taskID:)``.
    func transcript(taskID: String, attempt: Int) throws(JournalError) -> String? {
        try read("the transcript of task \(taskID) attempt \(attempt)") { db in
            let statement = try db.cachedStatement(
                sql: "SELECT text, dropped_bytes FROM transcripts WHERE task_id = ? AND attempt = ?")
            return try Row.fetchOne(statement, arguments: [taskID, attempt]).map(transcriptTail)?.shownText
        }
    }

    /// The result recorded for a task (the first one that arrived), or nil.
    public func recordedResult(taskID: String) throws(JournalError) -> RecordedResult? {
        try read("the result of task \(taskID)") { db in
            let statement = try db.cachedStatement(sql: "SELECT attempt, result FROM results WHERE task_id = ?")
            guard let row = try Row.fetchOne(statement, arguments: [taskID]) else { return nil }
            let json = try row.decode(String.self, atIndex: 1)
            do {
                return RecordedResult(
                    attempt: try row.decode(Int.self, atIndex: 0),
                    result: try coding.value(TaskResult.self, from: json))
            } catch {
                throw JournalError.undecodableRow(
                    path: path, what: "the result of task \(taskID)", reason: String(describing: error))
            }
        }
    }

    /// How many results are recorded for a task: 0 or 1, whatever was committed. For
    /// tests and checks of the exactly-once rule.
    public func recordedResultCount(taskID: String) throws(JournalError) -> Int {
        try read("the result count of task \(taskID)") { db in
            let statement = try db.cachedStatement(sql: "SELECT COUNT(*) FROM results WHERE task_id = ?")
            return try Int.fetchOne(statement, arguments: [taskID]) ?? 0
        }
    }

    /// The attempts of a task that a runner reported on, oldest first: cost, tokens,
    /// turns, duration, model and session of each.
    func attempts(taskID: String) throws(JournalError) -> [AttemptRecord] {
        try read("the attempts of task \(taskID)") { db in
            let statement = try db.cachedStatement(sql: """
                SELECT attempt, agent, outcome, cost_usd, input_tokens, output_tokens, cache_read_input_tokens,
                       cache_creation_input_tokens, turns, duration_ms, model, session_id, ended_at, branch
                FROM attempts WHERE task_id = ? ORDER BY attempt
                """)
            var attempts: [AttemptRecord] = []
            let rows = try Row.fetchCursor(statement, arguments: [taskID])
            while let row = try rows.next() {
                let outcomeName = try row.decode(String.self, atIndex: 2)
                guard let outcome = TaskResult.Outcome(rawValue: outcomeName) else {
                    throw JournalError.undecodableRow(
                        path: path, what: "an attempt of task \(taskID)", reason: "unknown outcome \"\(outcomeName)\"")
                }
                let input = try row.decode(Int?.self, atIndex: 4)
                let usage = input.map { input in
                    TokenUsage(
                        inputTokens: input, outputTokens: (try? row.decode(Int?.self, atIndex: 5)) ?? 0,
                        cacheReadInputTokens: (try? row.decode(Int?.self, atIndex: 6)) ?? 0,
                        cacheCreationInputTokens: (try? row.decode(Int?.self, atIndex: 7)) ?? 0)
                }
                attempts.append(AttemptRecord(
                    taskID: taskID, attempt: try row.decode(Int.self, atIndex: 0),
                    agent: try row.decode(String?.self, atIndex: 1), outcome: outcome,
                    costUSD: try row.decode(Double?.self, atIndex: 3), usage: usage,
                    turns: try row.decode(Int?.self, atIndex: 8), durationMs: try row.decode(Int?.self, atIndex: 9),
                    model: try row.decode(String?.self, atIndex: 10), sessionID: try row.decode(String?.self, atIndex: 11),
                    branch: try row.decode(String?.self, atIndex: 13), endedAt: Date(journalSeconds: try row.decode(Double.self, atIndex: 12))))
            }
            return attempts
        }
    }

    private func transcriptTail(_ row: Row) throws -> TranscriptTail {
        TranscriptTail(text: try row.decode(String.self, atIndex: 0), droppedBytes: try row.decode(Int.self, atIndex: 1))
    }

    /// A connection setting as SQLite reports it (`journal_mode`, `synchronous`, ...),
    /// for tests and diagnostics.
    func pragma(_ name: String) throws(JournalError) -> String? {
        try read("PRAGMA \(name)") { db in try String.fetchOne(db, sql: "PRAGMA \(name)") }
    }
}
