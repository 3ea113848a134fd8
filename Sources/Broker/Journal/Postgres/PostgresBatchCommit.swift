import Foundation
import Logging
import PostgresNIO
import Wire

/// Runs one batch as one PostgreSQL transaction: the fence first, then a handful of
/// statements whatever the batch's size (``PostgresBatchPlan``), then COMMIT, which
/// returns once the server has made the transaction durable (`synchronous_commit` on, the
/// server's default).
///
/// Any failure rolls the whole transaction back and is rethrown: nothing of the batch is
/// stored, as with SQLite.
struct PostgresBatchCommit: Sendable {
    let writes: [JournalWrite]
    let fence: JournalFence?
    let location: String
    let progressLimit: Int
    let transcriptByteLimit: Int

    func run(on connection: PostgresConnection, logger: Logger) async throws -> JournalCommitSummary {
        try await connection.query("BEGIN", logger: logger)
        do {
            let summary = try await apply(on: connection, logger: logger)
            try await connection.query("COMMIT", logger: logger)
            return summary
        } catch {
            // A failed statement has aborted the transaction already; this ends it so the
            // connection can take the next one. A lost connection makes it fail too: the
            // server rolls back a transaction whose session ends.
            _ = try? await connection.query("ROLLBACK", logger: logger)
            throw error
        }
    }

    private func apply(on connection: PostgresConnection, logger: Logger) async throws -> JournalCommitSummary {
        if let fence {
            let rows = try await connection.query("""
                SELECT 1 FROM broker_leadership
                WHERE holder = \(fence.holder) AND epoch = \(fence.epoch) AND lease_until > now() FOR SHARE
                """, logger: logger)
            var leads = false
            for try await _ in rows { leads = true }
            guard leads else { throw JournalError.deposed(location: location, holder: fence.holder, epoch: fence.epoch) }
        }
        let plan = PostgresBatchPlan(writes)
        var summary = JournalCommitSummary()

        let keys = plan.idempotencyKeys
        if !keys.isEmpty {
            var holders: [String: String] = [:]
            let rows = try await connection.query(
                "SELECT idempotency_key, id FROM tasks WHERE idempotency_key = ANY(\(keys))", logger: logger)
            for try await (key, id) in rows.decode((String, String).self) { holders[key] = id }
            if let conflict = plan.keyConflict(holders: holders) {
                throw JournalError.duplicateIdempotencyKey(
                    path: location, key: conflict.key, taskID: conflict.taskID, existingTaskID: conflict.holder)
            }
        }
        // Looked up before the upsert: which tasks existed before the batch.
        var existing: Set<String> = []
        let lookups = plan.tasksToLookUp
        if !lookups.isEmpty {
            let rows = try await connection.query("SELECT id FROM tasks WHERE id = ANY(\(lookups))", logger: logger)
            for try await id in rows.decode(String.self) { existing.insert(id) }
        }
        if !plan.tasks.isEmpty { try await upsert(plan.tasks, on: connection, logger: logger) }
        let rest = plan.rest(existing: existing)
        summary.unknownTaskWrites = rest.unknown
        if !rest.progress.isEmpty {
            summary.duplicateProgress = try await append(rest.progress, on: connection, logger: logger)
        }
        if !rest.transcripts.isEmpty { try await append(rest.transcripts, on: connection, logger: logger) }
        if !rest.results.isEmpty { summary.ignoredResults = try await record(rest.results, on: connection, logger: logger) }
        if !rest.attempts.isEmpty { try await record(rest.attempts, on: connection, logger: logger) }
        for (agent, pause) in rest.pauses { try await store(pause, of: agent, on: connection, logger: logger) }
        return summary
    }

    // MARK: - Tasks

    /// Inserts or updates every task in one statement. An update leaves the columns copied
    /// from the spec alone (source, priority, key, creation time), which never change.
    private func upsert(_ tasks: [EncodedTaskRecord], on connection: PostgresConnection, logger: Logger) async throws {
        let records = tasks.map(\.record)
        let ids = records.map { PostgresText.clean($0.id) }
        let states = records.map(\.state.rawValue)
        let terminals = records.map(\.state.isTerminal)
        let agents = NullableArray(records.map { PostgresText.clean($0.agent) })
        let sources = records.map(\.spec.source.rawValue)
        let specialties = NullableArray(records.map { PostgresText.clean($0.specialty) })
        let priorities = records.map(\.spec.priority.rawValue)
        let keys = NullableArray(records.map { PostgresText.clean($0.spec.idempotencyKey) })
        let created = records.map(\.createdAt.journalSeconds)
        let updated = records.map(\.updatedAt.journalSeconds)
        let json = tasks.map { PostgresText.clean(String(decoding: $0.json, as: UTF8.self)) }
        try await connection.query("""
            INSERT INTO tasks (id, state, terminal, agent, source, specialty, priority,
                               idempotency_key, created_at, updated_at, record)
            SELECT * FROM unnest(\(ids)::text[], \(states)::text[], \(terminals)::boolean[], \(agents)::text[],
                                 \(sources)::text[], \(specialties)::text[], \(priorities)::text[], \(keys)::text[],
                                 \(created)::double precision[], \(updated)::double precision[], \(json)::text[])
            ON CONFLICT (id) DO UPDATE SET
                state = excluded.state, terminal = excluded.terminal, agent = excluded.agent,
                specialty = excluded.specialty, updated_at = excluded.updated_at, record = excluded.record
            """, logger: logger)
    }

    // MARK: - Progress

    /// Stores the lines in order and trims each task's to the newest `progressLimit`;
    /// returns how many were already stored.
    private func append(_ updates: [ProgressUpdate], on connection: PostgresConnection, logger: Logger) async throws -> Int {
        let ids = updates.map { PostgresText.clean($0.taskID) }
        let attempts = updates.map(\.attempt)
        let sequences = updates.map(\.sequence)
        let kinds = updates.map(\.kind.rawValue)
        let messages = updates.map { PostgresText.clean($0.message) }
        let times = updates.map(\.at.journalSeconds)
        let versions = updates.map(\.v)
        // Identity values follow the SELECT's order, so `id` keeps the lines' order.
        let rows = try await connection.query("""
            INSERT INTO progress (task_id, attempt, sequence, kind, message, at, version)
            SELECT task_id, attempt, sequence, kind, message, at, version
            FROM unnest(\(ids)::text[], \(attempts)::bigint[], \(sequences)::bigint[], \(kinds)::text[],
                        \(messages)::text[], \(times)::double precision[], \(versions)::bigint[])
                 WITH ORDINALITY AS line(task_id, attempt, sequence, kind, message, at, version, position)
            ORDER BY position
            ON CONFLICT (task_id, attempt, sequence) DO NOTHING
            RETURNING 1
            """, logger: logger)
        var stored = 0
        for try await _ in rows { stored += 1 }
        let touched = Array(Set(ids)).sorted()
        try await connection.query("""
            DELETE FROM progress WHERE id IN (
                SELECT id FROM (
                    SELECT id, row_number() OVER (PARTITION BY task_id ORDER BY id DESC) AS newest
                    FROM progress WHERE task_id = ANY(\(touched))
                ) AS ranked WHERE newest > \(progressLimit))
            """, logger: logger)
        return updates.count - stored
    }

    // MARK: - Transcripts and results

    private func append(
        _ writes: [(taskID: String, attempt: Int, text: String)], on connection: PostgresConnection, logger: Logger
    ) async throws {
        let keys = Array(Set(writes.map { TranscriptKey(taskID: PostgresText.clean($0.taskID), attempt: $0.attempt) }))
        var stored: [TranscriptKey: TranscriptTail] = [:]
        let rows = try await connection.query("""
            SELECT t.task_id, t.attempt, t.text, t.dropped_bytes FROM transcripts t
            JOIN unnest(\(keys.map(\.taskID))::text[], \(keys.map(\.attempt))::bigint[]) AS k(task_id, attempt)
              ON t.task_id = k.task_id AND t.attempt = k.attempt
            """, logger: logger)
        for try await (taskID, attempt, text, dropped) in rows.decode((String, Int, String, Int).self) {
            stored[TranscriptKey(taskID: taskID, attempt: attempt)] = TranscriptTail(text: text, droppedBytes: dropped)
        }
        let tails = PostgresBatchPlan.transcriptTails(writes, stored: stored, limit: transcriptByteLimit)
        try await connection.query("""
            INSERT INTO transcripts (task_id, attempt, text, dropped_bytes)
            SELECT * FROM unnest(\(tails.map(\.key.taskID))::text[], \(tails.map(\.key.attempt))::bigint[],
                                 \(tails.map(\.tail.text))::text[], \(tails.map(\.tail.droppedBytes))::bigint[])
            ON CONFLICT (task_id, attempt) DO UPDATE SET text = excluded.text, dropped_bytes = excluded.dropped_bytes
            """, logger: logger)
    }

    /// Inserts each task's first result unless it has one; returns the results ignored.
    private func record(
        _ results: [(taskID: String, attempt: Int, result: TaskResult)], on connection: PostgresConnection, logger: Logger
    ) async throws -> [JournalCommitSummary.IgnoredResult] {
        let coding = JournalCoding()
        let ids = results.map { PostgresText.clean($0.taskID) }
        let attempts = results.map(\.attempt)
        let outcomes = results.map(\.result.outcome.rawValue)
        let json = results.map { PostgresText.clean(coding.text($0.result)) }
        let rows = try await connection.query("""
            INSERT INTO results (task_id, attempt, outcome, result)
            SELECT task_id, attempt, outcome, result
            FROM unnest(\(ids)::text[], \(attempts)::bigint[], \(outcomes)::text[], \(json)::text[])
                 WITH ORDINALITY AS r(task_id, attempt, outcome, result, position)
            ORDER BY position
            ON CONFLICT (task_id) DO NOTHING
            RETURNING task_id
            """, logger: logger)
        var recorded: Set<String> = []
        for try await id in rows.decode(String.self) { recorded.insert(id) }
        return PostgresBatchPlan.ignoredResults(results, recorded: recorded)
    }

    private func record(_ attempts: [AttemptRecord], on connection: PostgresConnection, logger: Logger) async throws {
        let ids = attempts.map { PostgresText.clean($0.taskID) }
        let numbers = attempts.map(\.attempt)
        let agents = NullableArray(attempts.map { PostgresText.clean($0.agent) })
        let outcomes = attempts.map(\.outcome.rawValue)
        let costs = NullableArray(attempts.map(\.costUSD))
        let input = NullableArray(attempts.map { $0.usage?.inputTokens })
        let output = NullableArray(attempts.map { $0.usage?.outputTokens })
        let cacheRead = NullableArray(attempts.map { $0.usage?.cacheReadInputTokens })
        let cacheCreation = NullableArray(attempts.map { $0.usage?.cacheCreationInputTokens })
        let turns = NullableArray(attempts.map(\.turns))
        let durations = NullableArray(attempts.map(\.durationMs))
        let models = NullableArray(attempts.map { PostgresText.clean($0.model) })
        let sessions = NullableArray(attempts.map { PostgresText.clean($0.sessionID) })
        let branches = NullableArray(attempts.map { PostgresText.clean($0.branch) })
        let ended = attempts.map(\.endedAt.journalSeconds)
        try await connection.query("""
            INSERT INTO attempts (task_id, attempt, agent, outcome, cost_usd, input_tokens, output_tokens,
                                  cache_read_input_tokens, cache_creation_input_tokens, turns, duration_ms,
                                  model, session_id, branch, ended_at)
            SELECT task_id, attempt, agent, outcome, cost_usd, input_tokens, output_tokens, cache_read, cache_creation,
                   turns, duration_ms, model, session_id, branch, ended_at
            FROM unnest(\(ids)::text[], \(numbers)::bigint[], \(agents)::text[], \(outcomes)::text[],
                        \(costs)::double precision[], \(input)::bigint[], \(output)::bigint[], \(cacheRead)::bigint[],
                        \(cacheCreation)::bigint[], \(turns)::bigint[], \(durations)::bigint[], \(models)::text[],
                        \(sessions)::text[], \(branches)::text[], \(ended)::double precision[])
                 WITH ORDINALITY AS a(task_id, attempt, agent, outcome, cost_usd, input_tokens, output_tokens, cache_read,
                                     cache_creation, turns, duration_ms, model, session_id, branch, ended_at, position)
            ORDER BY position
            ON CONFLICT (task_id, attempt) DO NOTHING
            """, logger: logger)
    }

    // MARK: - Agents

    /// Stores an operator's pause of an agent, or removes it. Pauses are rare (an
    /// operator's click), so one statement each.
    private func store(_ pause: OperatorPause?, of agent: String, on connection: PostgresConnection, logger: Logger) async throws {
        guard let pause else {
            try await connection.query("DELETE FROM agent_pauses WHERE agent_key = \(agent)", logger: logger)
            return
        }
        try await connection.query("""
            INSERT INTO agent_pauses (agent_key, agent, drain, since)
            VALUES (\(agent), \(PostgresText.clean(pause.agent)), \(pause.drain), \(pause.since.journalSeconds))
            ON CONFLICT (agent_key) DO UPDATE SET agent = excluded.agent, drain = excluded.drain, since = excluded.since
            """, logger: logger)
    }
}
