import GRDB

/// The journal's tables, created and upgraded by a GRDB migrator.
///
/// Add a new migration for every change (`v2`, ...) and never edit a shipped one: brokers
/// in the field have already applied it. Most new task fields need no migration at all,
/// because the whole ``TaskRecord`` is stored as JSON; only a new filter needs a column.
enum JournalSchema {
    /// The migrator with every known migration, in order.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1", migrate: createVersion1)
        migrator.registerMigration("v2-attempts", migrate: addAttempts)
        migrator.registerMigration("v3-finished-index", migrate: addFinishedIndex)
        migrator.registerMigration("v4-agent-pauses", migrate: addAgentPauses)
        return migrator
    }

    private static func createVersion1(_ db: Database) throws {
        // `record` is the whole TaskRecord as JSON text (inspectable with json_extract);
        // the other columns copy the fields that queries filter or sort on. `terminal` is
        // decided in Swift (TaskState.isTerminal) so that a new state needs no migration.
        // Times are REAL seconds since Foundation's reference date (2001-01-01 UTC), the
        // Double a Date holds, so they read back bit for bit; in the sqlite3 shell use
        // datetime(created_at + 978307200, 'unixepoch').
        try db.execute(sql: """
            CREATE TABLE tasks (
                id TEXT PRIMARY KEY NOT NULL,
                state TEXT NOT NULL,
                terminal INTEGER NOT NULL,
                agent TEXT,
                source TEXT NOT NULL,
                specialty TEXT,
                priority TEXT NOT NULL,
                idempotency_key TEXT,
                created_at REAL NOT NULL,
                updated_at REAL NOT NULL,
                record TEXT NOT NULL
            );
            CREATE UNIQUE INDEX tasks_idempotency_key ON tasks(idempotency_key)
                WHERE idempotency_key IS NOT NULL;
            CREATE INDEX tasks_unfinished ON tasks(created_at, id) WHERE terminal = 0;
            CREATE INDEX tasks_created ON tasks(created_at, id);
            CREATE INDEX tasks_state ON tasks(state, created_at, id);
            CREATE INDEX tasks_agent ON tasks(agent, created_at, id);
            CREATE INDEX tasks_source ON tasks(source, created_at, id);

            CREATE TABLE progress (
                id INTEGER PRIMARY KEY,
                task_id TEXT NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
                attempt INTEGER NOT NULL,
                sequence INTEGER NOT NULL,
                kind TEXT NOT NULL,
                message TEXT NOT NULL,
                at REAL NOT NULL,
                version INTEGER NOT NULL,
                UNIQUE (task_id, attempt, sequence)
            );
            -- id is the rowid, so this index is ordered by (task_id, id): newest lines of
            -- one task are a backwards range scan.
            CREATE INDEX progress_task ON progress(task_id);

            CREATE TABLE transcripts (
                task_id TEXT NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
                attempt INTEGER NOT NULL,
                text TEXT NOT NULL,
                dropped_bytes INTEGER NOT NULL,
                PRIMARY KEY (task_id, attempt)
            );

            -- One row per task, never more: the first result recorded wins.
            CREATE TABLE results (
                task_id TEXT PRIMARY KEY NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
                attempt INTEGER NOT NULL,
                outcome TEXT NOT NULL,
                result TEXT NOT NULL
            );
            """)
    }

    /// One row per finished attempt that a runner reported on: its cost, tokens, turns,
    /// duration, model, session and published branch. A journal from before this table gains it empty.
    private static func addAttempts(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE attempts (
                task_id TEXT NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
                attempt INTEGER NOT NULL,
                agent TEXT,
                outcome TEXT NOT NULL,
                cost_usd REAL,
                input_tokens INTEGER,
                output_tokens INTEGER,
                cache_read_input_tokens INTEGER,
                cache_creation_input_tokens INTEGER,
                turns INTEGER,
                duration_ms INTEGER,
                model TEXT,
                session_id TEXT,
                branch TEXT,
                ended_at REAL NOT NULL,
                PRIMARY KEY (task_id, attempt)
            );
            """)
    }

    /// Finished tasks by when they last changed: what retention prunes, oldest first,
    /// without scanning the unfinished ones or the whole table.
    private static func addFinishedIndex(_ db: Database) throws {
        try db.execute(sql: "CREATE INDEX tasks_finished ON tasks(updated_at) WHERE terminal = 1")
    }

    /// Operators' pauses of agents (by lowercased name), kept across restarts; and the
    /// indexes an agent's detail reads by: its finished tasks newest first, and its
    /// attempts' cost.
    private static func addAgentPauses(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE agent_pauses (
                agent_key TEXT PRIMARY KEY NOT NULL,
                agent TEXT NOT NULL,
                drain INTEGER NOT NULL,
                since REAL NOT NULL
            );
            CREATE INDEX tasks_agent_finished ON tasks(agent, updated_at) WHERE terminal = 1;
            CREATE INDEX attempts_agent ON attempts(agent);
            """)
    }
}
