import Foundation
import Logging
import PostgresNIO
import Wire

/// What the console reads besides the tasks: agents' pauses, an agent's recent tasks and
/// cost, and the per-minute history; the same answers as ``TaskJournal``'s.
extension PostgresJournal {
    func agentPauses() throws(JournalError) -> [String: OperatorPause] {
        let rows = try read("the agent pauses") { connection, logger in
            var rows: [PauseRow] = []
            for try await (key, agent, drain, since) in try await connection.query(
                "SELECT agent_key, agent, drain, since FROM agent_pauses", logger: logger
            ).decode((String, String, Bool, Double).self) {
                rows.append(PauseRow(key: key, agent: agent, drain: drain, since: since))
            }
            return rows
        }
        var pauses: [String: OperatorPause] = [:]
        for row in rows {
            pauses[row.key] = OperatorPause(agent: row.agent, drain: row.drain, since: Date(journalSeconds: row.since))
        }
        return pauses
    }

    func recentTasks(ofAgent agent: String, limit: Int) throws(JournalError) -> [TaskRecord] {
        let name = PostgresText.clean(agent)
        let rows = try read("the recent tasks of agent \(agent)") { connection, logger in
            var records: [String] = []
            for try await record in try await connection.query("""
                SELECT record FROM tasks WHERE agent = \(name) AND terminal ORDER BY updated_at DESC LIMIT \(limit)
                """, logger: logger).decode(String.self)
            {
                records.append(record)
            }
            return records
        }
        return try rows.map(decodeRecord)
    }

    func totalCost(ofAgent agent: String) throws(JournalError) -> Double {
        let name = PostgresText.clean(agent)
        return try read("the cost of agent \(agent)") { connection, logger in
            var total = 0.0
            for try await value in try await connection.query(
                "SELECT coalesce(sum(cost_usd), 0)::double precision FROM attempts WHERE agent = \(name)", logger: logger
            ).decode(Double.self) {
                total = value
            }
            return total
        }
    }

    func history(minutes: Int, until: Date, bucketSeconds: Int) throws(JournalError) -> TaskHistory {
        let builder = TaskHistoryBuilder(minutes: minutes, until: until, bucketSeconds: bucketSeconds)
        return try read("the task history") { connection, logger in
            try await Self.history(builder, on: connection, logger: logger)
        }
    }

    func historyReader() throws(JournalError) -> any JournalHistorySource {
        PostgresHistoryReader(settings: settings, location: location)
    }

    /// Fills `builder` from one range scan of the finished-tasks index (`tasks_finished`).
    /// The start of each task's last attempt is read from its record: ISO-8601 text, or
    /// seconds since 2001 in rows migrated from an old SQLite journal (978307200 is
    /// 2001-01-01 in Unix time).
    static func history(_ builder: TaskHistoryBuilder, on connection: PostgresConnection, logger: Logger) async throws -> TaskHistory {
        var builder = builder
        let rows = try await connection.query("""
            SELECT state, created_at, updated_at,
                   CASE json_typeof(record::json -> 'started_at')
                       WHEN 'string' THEN extract(epoch FROM (record::json ->> 'started_at')::timestamptz)::double precision - 978307200
                       WHEN 'number' THEN (record::json ->> 'started_at')::double precision
                   END
            FROM tasks WHERE terminal AND updated_at >= \(builder.from) AND updated_at < \(builder.to)
            """, logger: logger)
        for try await (state, created, ended, started) in rows.decode((String, Double, Double, Double?).self) {
            builder.add(state: TaskState(rawValue: state), created: created, ended: ended, started: started)
        }
        return builder.history
    }
}

private struct PauseRow: Sendable {
    var key: String
    var agent: String
    var drain: Bool
    var since: Double
}
