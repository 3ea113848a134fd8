import GRDB

extension TaskJournal {
    /// Opens the connection in WAL mode with the requested durability.
    static func open(path: String, options: JournalOptions) throws(JournalError) -> DatabaseQueue {
        var configuration = Configuration()
        configuration.label = "TaskJournal"
        configuration.foreignKeysEnabled = true
        configuration.journalMode = .wal
        configuration.busyMode = .timeout(options.busyTimeoutSeconds)
        do {
            let database = try DatabaseQueue(path: path, configuration: configuration)
            // After opening: GRDB's WAL setup sets synchronous = NORMAL, which may lose the
            // last commits in a power cut. FULL is what lets the broker acknowledge tasks;
            // with a deferred sync, the JournalSyncer does FULL's part after the commit.
            let level = options.deferredSync ? JournalOptions.Synchronous.normal : options.synchronous
            try database.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA synchronous = \(level.rawValue)")
                // A new file gives pages freed by retention back to the disk
                // (`JournalPruner`). SQLite takes the setting only on a file with no pages
                // yet, or at a VACUUM; WAL mode already wrote the first page, and a VACUUM
                // of a file with no tables is instant.
                if try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") == 0 {
                    try db.execute(sql: "PRAGMA auto_vacuum = INCREMENTAL")
                    try db.execute(sql: "VACUUM")
                }
            }
            return database
        } catch {
            throw JournalError.wrapping(error, path: path) { .cannotOpen(path: path, reason: $0) }
        }
    }

    /// Applies every migration the file lacks, refusing a file from a newer version.
    static func migrate(_ database: DatabaseQueue, path: String) throws(JournalError) {
        let migrator = JournalSchema.migrator
        do {
            try database.read { db in
                let unknown = try migrator.appliedIdentifiers(db).subtracting(migrator.migrations)
                if !unknown.isEmpty {
                    throw JournalError.newerSchema(path: path, unknownMigrations: unknown.sorted())
                }
            }
            try migrator.migrate(database)
        } catch {
            throw JournalError.wrapping(error, path: path) { .migrationFailed(path: path, reason: $0) }
        }
    }
}
