import Logging
import PostgresNIO

/// The PostgreSQL journal's tables: the SQLite journal's (``JournalSchema``) in
/// PostgreSQL's types, and the two tables that decide which broker leads.
///
/// Migrations are applied in order and recorded in `journal_migrations`; never edit a
/// shipped one, add the next. Brokers that start together take an advisory lock first, so
/// one migrates and the others find the work done.
enum PostgresJournalSchema {
    /// Every migration, in order: an identifier and its statements.
    static let migrations: [(id: String, statements: [String])] = [
        ("pg-v1", version1),
    ]

    /// The key of the advisory lock held while migrating ("CCCjrnl" in ASCII).
    static let migrationLock: Int64 = 0x4343_436A_726E_6C

    /// Ids and keys compare byte by byte (`COLLATE "C"`), as in SQLite, so a page of tasks
    /// is the same whatever the database's locale. Times are `double precision` seconds
    /// since 2001-01-01 UTC, the Double a `Date` holds, as in SQLite: they read back bit for
    /// bit and task cursors carry them. `record` is the task's JSON as the bus carries it.
    private static let version1 = [
        """
        CREATE TABLE tasks (
            id text COLLATE "C" PRIMARY KEY,
            state text NOT NULL,
            terminal boolean NOT NULL,
            agent text,
            source text NOT NULL,
            specialty text,
            priority text NOT NULL,
            idempotency_key text COLLATE "C",
            created_at double precision NOT NULL,
            updated_at double precision NOT NULL,
            record text NOT NULL
        )
        """,
        "CREATE UNIQUE INDEX tasks_idempotency_key ON tasks (idempotency_key) WHERE idempotency_key IS NOT NULL",
        "CREATE INDEX tasks_unfinished ON tasks (created_at, id) WHERE NOT terminal",
        "CREATE INDEX tasks_created ON tasks (created_at, id)",
        "CREATE INDEX tasks_state ON tasks (state, created_at, id)",
        "CREATE INDEX tasks_agent ON tasks (agent, created_at, id)",
        "CREATE INDEX tasks_source ON tasks (source, created_at, id)",
        "CREATE INDEX tasks_finished ON tasks (updated_at) WHERE terminal",
        "CREATE INDEX tasks_agent_finished ON tasks (agent, updated_at) WHERE terminal",
        """
        CREATE TABLE progress (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            task_id text COLLATE "C" NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
            attempt bigint NOT NULL,
            sequence bigint NOT NULL,
            kind text NOT NULL,
            message text NOT NULL,
            at double precision NOT NULL,
            version bigint NOT NULL,
            UNIQUE (task_id, attempt, sequence)
        )
        """,
        "CREATE INDEX progress_task ON progress (task_id, id)",
        """
        CREATE TABLE transcripts (
            task_id text COLLATE "C" NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
            attempt bigint NOT NULL,
            text text NOT NULL,
            dropped_bytes bigint NOT NULL,
            PRIMARY KEY (task_id, attempt)
        )
        """,
        """
        CREATE TABLE results (
            task_id text COLLATE "C" PRIMARY KEY REFERENCES tasks (id) ON DELETE CASCADE,
            attempt bigint NOT NULL,
            outcome text NOT NULL,
            result text NOT NULL
        )
        """,
        """
        CREATE TABLE attempts (
            task_id text COLLATE "C" NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
            attempt bigint NOT NULL,
            agent text,
            outcome text NOT NULL,
            cost_usd double precision,
            input_tokens bigint,
            output_tokens bigint,
            cache_read_input_tokens bigint,
            cache_creation_input_tokens bigint,
            turns bigint,
            duration_ms bigint,
            model text,
            session_id text,
            branch text,
            ended_at double precision NOT NULL,
            PRIMARY KEY (task_id, attempt)
        )
        """,
        "CREATE INDEX attempts_agent ON attempts (agent)",
        // Operators' pauses of agents, by lowercased name.
        """
        CREATE TABLE agent_pauses (
            agent_key text COLLATE "C" PRIMARY KEY,
            agent text NOT NULL,
            drain boolean NOT NULL,
            since double precision NOT NULL
        )
        """,
        // Which broker leads, judged by the database's clock; see JournalFence.
        """
        CREATE TABLE IF NOT EXISTS broker_leadership (
            singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
            holder text NOT NULL, endpoint text NOT NULL, epoch bigint NOT NULL,
            since timestamptz NOT NULL, lease_until timestamptz NOT NULL)
        """,
        """
        CREATE TABLE IF NOT EXISTS broker_standbys (
            holder text PRIMARY KEY, endpoint text NOT NULL, seen_at timestamptz NOT NULL)
        """,
    ]

    /// The journal's own tables, in the order a copy fills them (parents first).
    static let journalTables = ["tasks", "progress", "transcripts", "results", "attempts", "agent_pauses"]

    /// Applies every migration the database lacks, refusing one from a newer version.
    static func migrate(_ connection: PostgresConnection, location: String, logger: Logger) async throws {
        try await connection.query("BEGIN", logger: logger)
        do {
            try await connection.query("SELECT pg_advisory_xact_lock(\(migrationLock))", logger: logger)
            try await connection.query(
                "CREATE TABLE IF NOT EXISTS journal_migrations (id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
                logger: logger)
            var applied: Set<String> = []
            for try await id in try await connection.query("SELECT id FROM journal_migrations", logger: logger).decode(String.self) {
                applied.insert(id)
            }
            let unknown = applied.subtracting(migrations.map(\.id))
            guard unknown.isEmpty else {
                throw JournalError.newerSchema(path: location, unknownMigrations: unknown.sorted())
            }
            for migration in migrations where !applied.contains(migration.id) {
                for statement in migration.statements {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.query("INSERT INTO journal_migrations (id) VALUES (\(migration.id))", logger: logger)
            }
            try await connection.query("COMMIT", logger: logger)
        } catch {
            _ = try? await connection.query("ROLLBACK", logger: logger)
            throw error
        }
    }
}
