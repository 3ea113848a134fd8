import Foundation
import PostgresNIO
import Wire

/// The reads, the same as ``TaskJournal``'s: each one statement, answered as text and
/// numbers and decoded on the broker thread.
extension PostgresJournal: JournalStore {
    func unfinishedTasks() throws(JournalError) -> [TaskRecord] {
        let rows = try read("the unfinished tasks") { connection, logger in
            try await Self.strings(
                connection.query("SELECT record FROM tasks WHERE NOT terminal ORDER BY created_at, id", logger: logger))
        }
        return try rows.map(decodeRecord)
    }

    func task(id: String) throws(JournalError) -> TaskRecord? {
        let id = PostgresText.clean(id)
        let rows = try read("task \(id)") { connection, logger in
            try await Self.strings(connection.query("SELECT record FROM tasks WHERE id = \(id)", logger: logger))
        }
        return try rows.first.map(decodeRecord)
    }

    func task(idempotencyKey: String) throws(JournalError) -> TaskRecord? {
        let key = PostgresText.clean(idempotencyKey)
        let rows = try read("the task with idempotency key \(idempotencyKey)") { connection, logger in
            try await Self.strings(connection.query("SELECT record FROM tasks WHERE idempotency_key = \(key)", logger: logger))
        }
        return try rows.first.map(decodeRecord)
    }

    func listTasks(_ query: TaskQuery) throws(JournalError) -> TaskPage {
        let states = query.states.map(\.rawValue).sorted()
        let agent = query.agent.map { PostgresText.clean($0) }
        let source = query.source?.rawValue
        let cursor = query.cursor
        let limit = query.clampedLimit
        let rows = try read("a page of tasks") { connection, logger in
            // Only placeholders are written into the text; every value is bound.
            var conditions: [String] = []
            var binds = PostgresBindings()
            if !states.isEmpty {
                binds.append(states)
                conditions.append("state = ANY($\(binds.count))")
            }
            if let agent {
                binds.append(agent)
                conditions.append("agent = $\(binds.count)")
            }
            if let source {
                binds.append(source)
                conditions.append("source = $\(binds.count)")
            }
            if let cursor {
                binds.append(cursor.createdAt)
                binds.append(PostgresText.clean(cursor.taskID))
                conditions.append("(created_at, id) < ($\(binds.count - 1), $\(binds.count))")
            }
            // One row more than the page: its presence says whether a next page exists.
            binds.append(limit + 1)
            let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
            let sql = PostgresQuery(
                unsafeSQL: "SELECT created_at, id, record FROM tasks\(filter) ORDER BY created_at DESC, id DESC LIMIT $\(binds.count)",
                binds: binds)
            var rows: [(Double, String, String)] = []
            for try await row in try await connection.query(sql, logger: logger).decode((Double, String, String).self) {
                rows.append(row)
            }
            return rows.map { TaskRow(createdAt: $0.0, id: $0.1, record: $0.2) }
        }
        let shown = rows.prefix(limit)
        let tasks = try shown.map { row throws(JournalError) in try decodeRecord(row.record) }
        let last = shown.last.map { TaskCursor(createdAt: $0.createdAt, taskID: $0.id) }
        return TaskPage(tasks: tasks, nextCursor: rows.count > limit ? last?.description : nil)
    }

    func counts() throws(JournalError) -> [TaskState: Int] {
        let rows = try read("the task counts") { connection, logger in
            var rows: [(String, Int)] = []
            for try await row in try await connection.query(
                "SELECT state, count(*) FROM tasks GROUP BY state", logger: logger
            ).decode((String, Int).self) {
                rows.append(row)
            }
            return rows.map { StateCount(state: $0.0, count: $0.1) }
        }
        var counts = Dictionary(uniqueKeysWithValues: TaskState.allCases.map { ($0, 0) })
        for row in rows {
            guard let state = TaskState(rawValue: row.state) else {
                throw .undecodableRow(path: location, what: "a task state", reason: "unknown state \"\(row.state)\"")
            }
            counts[state] = row.count
        }
        return counts
    }

    func progress(taskID: String, limit: Int) throws(JournalError) -> [ProgressUpdate] {
        guard limit > 0 else { return [] }
        let id = PostgresText.clean(taskID)
        let rows = try read("the progress of task \(taskID)") { connection, logger in
            var rows: [ProgressRow] = []
            for try await (attempt, sequence, kind, message, at, version) in try await connection.query("""
                SELECT attempt, sequence, kind, message, at, version FROM progress
                WHERE task_id = \(id) ORDER BY id DESC LIMIT \(limit)
                """, logger: logger).decode((Int, Int, String, String, Double, Int).self)
            {
                rows.append(ProgressRow(attempt: attempt, sequence: sequence, kind: kind, message: message, at: at, version: version))
            }
            return rows
        }
        var updates: [ProgressUpdate] = []
        for row in rows.reversed() {
            guard let kind = ProgressUpdate.Kind(rawValue: row.kind) else {
                throw .undecodableRow(path: location, what: "a progress line of task \(taskID)", reason: "unknown kind \"\(row.kind)\"")
            }
            var update = ProgressUpdate(
                taskID: taskID, attempt: row.attempt, sequence: row.sequence, kind: kind, message: row.message,
                at: Date(journalSeconds: row.at))
            update.v = row.version
            updates.append(update)
        }
        return updates
    }

    func transcript(taskID: String) throws(JournalError) -> String? {
        let id = PostgresText.clean(taskID)
        return try read("the transcript of task \(taskID)") { connection, logger in
            try await Self.transcript(connection.query("""
                SELECT text, dropped_bytes FROM transcripts WHERE task_id = \(id) ORDER BY attempt DESC LIMIT 1
                """, logger: logger))
        }
    }

    func transcript(taskID: String, attempt: Int) throws(JournalError) -> String? {
        let id = PostgresText.clean(taskID)
        return try read("the transcript of task \(taskID) attempt \(attempt)") { connection, logger in
            try await Self.transcript(connection.query(
                "SELECT text, dropped_bytes FROM transcripts WHERE task_id = \(id) AND attempt = \(attempt)", logger: logger))
        }
    }

    func recordedResult(taskID: String) throws(JournalError) -> RecordedResult? {
        let id = PostgresText.clean(taskID)
        let row = try read("the result of task \(taskID)") { connection, logger in
            var found: ResultRow?
            for try await (attempt, json) in try await connection.query(
                "SELECT attempt, result FROM results WHERE task_id = \(id)", logger: logger
            ).decode((Int, String).self) {
                found = ResultRow(attempt: attempt, json: json)
            }
            return found
        }
        guard let row else { return nil }
        do {
            return RecordedResult(attempt: row.attempt, result: try coding.value(TaskResult.self, from: row.json))
        } catch {
            throw .undecodableRow(path: location, what: "the result of task \(taskID)", reason: String(describing: error))
        }
    }

    func recordedResultCount(taskID: String) throws(JournalError) -> Int {
        let id = PostgresText.clean(taskID)
        return try read("the result count of task \(taskID)") { connection, logger in
            var count = 0
            for try await value in try await connection.query(
                "SELECT count(*) FROM results WHERE task_id = \(id)", logger: logger
            ).decode(Int.self) {
                count = value
            }
            return count
        }
    }

    func attempts(taskID: String) throws(JournalError) -> [AttemptRecord] {
        let id = PostgresText.clean(taskID)
        let rows = try read("the attempts of task \(taskID)") { connection, logger in
            var rows: [AttemptRow] = []
            let query: PostgresQuery = """
                SELECT attempt, agent, outcome, cost_usd, input_tokens, output_tokens, cache_read_input_tokens,
                       cache_creation_input_tokens, turns, duration_ms, model, session_id, branch, ended_at
                FROM attempts WHERE task_id = \(id) ORDER BY attempt
                """
            for try await row in try await connection.query(query, logger: logger) {
                let cells = row.makeRandomAccess()
                rows.append(AttemptRow(
                    attempt: try cells[0].decode(Int.self), agent: try cells[1].decode(String?.self),
                    outcome: try cells[2].decode(String.self), cost: try cells[3].decode(Double?.self),
                    input: try cells[4].decode(Int?.self), output: try cells[5].decode(Int?.self),
                    cacheRead: try cells[6].decode(Int?.self), cacheCreation: try cells[7].decode(Int?.self),
                    turns: try cells[8].decode(Int?.self), durationMs: try cells[9].decode(Int?.self),
                    model: try cells[10].decode(String?.self), sessionID: try cells[11].decode(String?.self),
                    branch: try cells[12].decode(String?.self), endedAt: try cells[13].decode(Double.self)))
            }
            return rows
        }
        return try rows.map { row throws(JournalError) in
            guard let outcome = TaskResult.Outcome(rawValue: row.outcome) else {
                throw .undecodableRow(path: location, what: "an attempt of task \(taskID)", reason: "unknown outcome \"\(row.outcome)\"")
            }
            let usage = row.input.map { input in
                TokenUsage(
                    inputTokens: input, outputTokens: row.output ?? 0, cacheReadInputTokens: row.cacheRead ?? 0,
                    cacheCreationInputTokens: row.cacheCreation ?? 0)
            }
            return AttemptRecord(
                taskID: taskID, attempt: row.attempt, agent: row.agent, outcome: outcome, costUSD: row.cost, usage: usage,
                turns: row.turns, durationMs: row.durationMs, model: row.model, sessionID: row.sessionID,
                branch: row.branch, endedAt: Date(journalSeconds: row.endedAt))
        }
    }

    /// The record's JSON decoded, or an error that says the row is damaged.
    func decodeRecord(_ json: String) throws(JournalError) -> TaskRecord {
        do {
            return try coding.value(TaskRecord.self, from: json)
        } catch {
            throw .undecodableRow(path: location, what: "a task record", reason: String(describing: error))
        }
    }

    private static func strings(_ rows: PostgresRowSequence) async throws -> [String] {
        var values: [String] = []
        for try await value in rows.decode(String.self) { values.append(value) }
        return values
    }

    private static func transcript(_ rows: PostgresRowSequence) async throws -> String? {
        var tail: TranscriptTail?
        for try await (text, dropped) in rows.decode((String, Int).self) {
            tail = TranscriptTail(text: text, droppedBytes: dropped)
        }
        return tail?.shownText
    }
}

/// Rows as the reads hand them from the connection's task to the broker thread.
private struct TaskRow: Sendable {
    var createdAt: Double
    var id: String
    var record: String
}

private struct StateCount: Sendable {
    var state: String
    var count: Int
}

private struct ProgressRow: Sendable {
    var attempt: Int
    var sequence: Int
    var kind: String
    var message: String
    var at: Double
    var version: Int
}

private struct ResultRow: Sendable {
    var attempt: Int
    var json: String
}

private struct AttemptRow: Sendable {
    var attempt: Int
    var agent: String?
    var outcome: String
    var cost: Double?
    var input: Int?
    var output: Int?
    var cacheRead: Int?
    var cacheCreation: Int?
    var turns: Int?
    var durationMs: Int?
    var model: String?
    var sessionID: String?
    var branch: String?
    var endedAt: Double
}
