import GRDB
import Wire

/// Applies one batch of ``JournalWrite``s inside an open write transaction.
///
/// Writes are applied in order, so a task upserted earlier in a batch is known to the
/// writes after it. Statements are cached per connection, so a batch of hundreds of
/// upserts costs one prepared statement and one fsync (at commit), not one per row.
struct JournalBatch {
    private let db: Database
    private let path: String
    private let coding: JournalCoding
    private let options: JournalOptions
    /// Tasks known to exist, so a batch of progress lines checks each task once.
    private var knownTasks: Set<String> = []
    /// Tasks that got progress lines in this batch, trimmed once at the end.
    private var progressTasks: Set<String> = []
    /// What was dropped on purpose.
    private(set) var summary = JournalCommitSummary()
    /// The indexed columns of the rows as committed before this batch.
    private let storedColumns: StoredTaskColumnsCache
    /// The indexed columns this batch wrote, for the cache once it commits.
    private(set) var columnChanges = StoredTaskColumnsCache.Changes()

    init(db: Database, path: String, coding: JournalCoding, options: JournalOptions, storedColumns: StoredTaskColumnsCache) {
        self.db = db
        self.path = path
        self.coding = coding
        self.options = options
        self.storedColumns = storedColumns
    }

    /// Applies every write, then trims the progress of the tasks they touched.
    ///
    /// A task changed more than once in the batch (queued, then assigned at once) is
    /// stored once, in its last version, at the place of its first: the transaction
    /// commits all or nothing, so only the last version could ever be read back, and the
    /// writes between still find the task's row. Under load this saves a statement, and
    /// the index updates it brings, for most tasks.
    mutating func apply(_ writes: [JournalWrite]) throws {
        let lastVersions = Self.lastVersions(in: writes)
        var stored: Set<String> = []
        for write in writes {
            switch write {
            case .upsertTask(let task):
                guard let last = lastVersions[task.record.id] else {
                    try upsert(task)
                    continue
                }
                if stored.insert(task.record.id).inserted, case .upsertTask(let lastVersion) = writes[last] {
                    try upsert(lastVersion)
                }
            case .appendProgress(let update):
                guard try taskExists(update.taskID) else { summary.unknownTaskWrites.append(write); continue }
                try append(update)
            case let .appendTranscript(taskID, attempt, text):
                guard try taskExists(taskID) else { summary.unknownTaskWrites.append(write); continue }
                try appendTranscript(taskID: taskID, attempt: attempt, text: text)
            case let .recordResult(taskID, attempt, result):
                guard try taskExists(taskID) else { summary.unknownTaskWrites.append(write); continue }
                try record(result, taskID: taskID, attempt: attempt)
            case .recordAttempt(let attempt):
                guard try taskExists(attempt.taskID) else { summary.unknownTaskWrites.append(write); continue }
                try record(attempt)
            case let .setAgentPause(agent, pause):
                try store(pause, of: agent)
            }
        }
        try trimProgress()
    }

    /// Where in `writes` the last version of each task upserted more than once is.
    private func store(_ pause: OperatorPause?, of agent: String) throws {
        guard let pause else {
            try db.execute(sql: "DELETE FROM agent_pauses WHERE agent_key = ?", arguments: [agent])
            return
        }
        try db.execute(sql: """
            INSERT INTO agent_pauses (agent_key, agent, drain, since) VALUES (?, ?, ?, ?)
            ON CONFLICT (agent_key) DO UPDATE SET agent = excluded.agent, drain = excluded.drain, since = excluded.since
            """, arguments: [agent, pause.agent, pause.drain, pause.since.journalSeconds])
    }

    private static func lastVersions(in writes: [JournalWrite]) -> [String: Int] {
        var last: [String: Int] = [:]
        var repeated: Set<String> = []
        for (index, write) in writes.enumerated() {
            guard case .upsertTask(let task) = write else { continue }
            if last.updateValue(index, forKey: task.record.id) != nil { repeated.insert(task.record.id) }
        }
        return last.filter { repeated.contains($0.key) }
    }

    // MARK: - Tasks

    private mutating func upsert(_ task: EncodedTaskRecord) throws {
        let record = task.record
        let json = String(decoding: task.json, as: UTF8.self)
        let columns = StoredTaskColumns(agent: record.agent, terminal: record.state.isTerminal)
        defer { columnChanges.stored(columns, for: record.id) }
        if let stored = storedColumns.columns(of: record.id, with: columnChanges), stored.agent == columns.agent,
            try update(record, json: json, terminalChanged: stored.terminal != columns.terminal)
        {
            knownTasks.insert(record.id)
            return
        }
        // ON CONFLICT DO UPDATE, never INSERT OR REPLACE: REPLACE deletes the old row
        // first, and the cascade would delete the task's progress, transcript and result.
        // The update sets only what changes after a task is stored: source, priority,
        // idempotency key and creation time come from the spec, which never changes, and
        // SQLite skips every index none of whose columns is set (half of the six).
        let statement = try db.cachedStatement(sql: """
            INSERT INTO tasks (id, state, terminal, agent, source, specialty, priority,
                               idempotency_key, created_at, updated_at, record)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET
                state = excluded.state, terminal = excluded.terminal, agent = excluded.agent,
                specialty = excluded.specialty, updated_at = excluded.updated_at,
                record = excluded.record
            """)
        do {
            try statement.execute(arguments: [
                record.id, record.state.rawValue, record.state.isTerminal, record.agent,
                record.spec.source.rawValue, record.specialty, record.spec.priority.rawValue,
                record.spec.idempotencyKey, record.createdAt.journalSeconds,
                record.updatedAt.journalSeconds, json,
            ])
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
            // The id conflict is handled by the upsert, so this is the idempotency key.
            guard let key = record.spec.idempotencyKey else { throw error }
            let holder = try String.fetchOne(
                db, sql: "SELECT id FROM tasks WHERE idempotency_key = ?", arguments: [key])
            throw JournalError.duplicateIdempotencyKey(
                path: path, key: key, taskID: record.id, existingTaskID: holder)
        }
        knownTasks.insert(record.id)
    }

    /// Updates a stored row whose agent stays the same, setting `terminal` only when it
    /// changes: `tasks_agent` (and, mostly, `tasks_unfinished`) are then left alone.
    /// Returns false when there is no such row.
    private func update(_ record: TaskRecord, json: String, terminalChanged: Bool) throws -> Bool {
        if terminalChanged {
            try db.cachedStatement(sql: """
                UPDATE tasks SET state = ?, terminal = ?, specialty = ?, updated_at = ?, record = ? WHERE id = ?
                """).execute(arguments: [
                    record.state.rawValue, record.state.isTerminal, record.specialty,
                    record.updatedAt.journalSeconds, json, record.id,
                ])
        } else {
            try db.cachedStatement(sql: """
                UPDATE tasks SET state = ?, specialty = ?, updated_at = ?, record = ? WHERE id = ?
                """).execute(arguments: [
                    record.state.rawValue, record.specialty, record.updatedAt.journalSeconds, json, record.id,
                ])
        }
        return db.changesCount == 1
    }

    /// Whether the task is stored (earlier in this batch or before). Writes for unknown
    /// tasks are reported, not stored: one stray message must not roll back a batch of
    /// submissions that are waiting to be acknowledged.
    private mutating func taskExists(_ taskID: String) throws -> Bool {
        if knownTasks.contains(taskID) { return true }
        let statement = try db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM tasks WHERE id = ?)")
        guard try Bool.fetchOne(statement, arguments: [taskID]) == true else { return false }
        knownTasks.insert(taskID)
        return true
    }

    // MARK: - Progress

    private mutating func append(_ update: ProgressUpdate) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO progress (task_id, attempt, sequence, kind, message, at, version)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (task_id, attempt, sequence) DO NOTHING
            """)
        try statement.execute(arguments: [
            update.taskID, update.attempt, update.sequence, update.kind.rawValue,
            update.message, update.at.journalSeconds, update.v,
        ])
        if db.changesCount == 0 { summary.duplicateProgress += 1 }
        progressTasks.insert(update.taskID)
    }

    /// Deletes all but the newest `progressLimit` lines of each task touched.
    private func trimProgress() throws {
        guard !progressTasks.isEmpty else { return }
        let statement = try db.cachedStatement(sql: """
            DELETE FROM progress WHERE task_id = ?1 AND id <= (
                SELECT id FROM progress WHERE task_id = ?1 ORDER BY id DESC LIMIT 1 OFFSET ?2)
            """)
        for taskID in progressTasks {
            try statement.execute(arguments: [taskID, options.progressLimit])
        }
    }

    // MARK: - Transcripts and results

    private func appendTranscript(taskID: String, attempt: Int, text: String) throws {
        let stored = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT text, dropped_bytes FROM transcripts WHERE task_id = ? AND attempt = ?"),
            arguments: [taskID, attempt])
        let tail = try TranscriptTail(
            text: stored?.decode(String.self, atIndex: 0) ?? "",
            droppedBytes: stored?.decode(Int.self, atIndex: 1) ?? 0
        ).appending(text, limit: options.transcriptByteLimit)
        try db.cachedStatement(sql: """
            INSERT INTO transcripts (task_id, attempt, text, dropped_bytes) VALUES (?, ?, ?, ?)
            ON CONFLICT (task_id, attempt) DO UPDATE SET
                text = excluded.text, dropped_bytes = excluded.dropped_bytes
            """).execute(arguments: [taskID, attempt, tail.text, tail.droppedBytes])
    }

    /// Inserts the task's result unless it already has one: the UNIQUE task_id makes the
    /// first result win even if the state machine let a stale attempt's answer through.
    private mutating func record(_ result: TaskResult, taskID: String, attempt: Int) throws {
        let json = coding.text(result)
        try db.cachedStatement(sql: """
            INSERT INTO results (task_id, attempt, outcome, result) VALUES (?, ?, ?, ?)
            ON CONFLICT (task_id) DO NOTHING
            """).execute(arguments: [taskID, attempt, result.outcome.rawValue, json])
        if db.changesCount == 0 {
            summary.ignoredResults.append(.init(taskID: taskID, attempt: attempt))
        }
    }

    private func record(_ attempt: AttemptRecord) throws {
        try db.cachedStatement(sql: """
            INSERT INTO attempts (task_id, attempt, agent, outcome, cost_usd, input_tokens, output_tokens,
                                  cache_read_input_tokens, cache_creation_input_tokens, turns, duration_ms,
                                  model, session_id, branch, ended_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (task_id, attempt) DO NOTHING
            """).execute(arguments: [
                attempt.taskID, attempt.attempt, attempt.agent, attempt.outcome.rawValue, attempt.costUSD,
                attempt.usage?.inputTokens, attempt.usage?.outputTokens, attempt.usage?.cacheReadInputTokens,
                attempt.usage?.cacheCreationInputTokens, attempt.turns, attempt.durationMs, attempt.model,
                attempt.sessionID, attempt.branch, attempt.endedAt.journalSeconds,
            ])
    }
}
