import Foundation
import GRDB

/// Reads figures from a journal file and copies it, from any process, while a broker may
/// be writing to it: its own connection, no migration, no writes.
///
/// ```swift
/// let journal = try JournalMaintenance(path: ".cluster/journal.sqlite")
/// print(try journal.stats().tasks)
/// try journal.backup(to: "/backups/journal-2026-12-03.sqlite")
/// ```
public final class JournalMaintenance: Sendable {
    /// The SQLite file.
    public let path: String
    private let database: DatabaseQueue

    /// Opens the journal at `path`; throws ``JournalError/readFailed(path:what:reason:)``
    /// when there is no such file.
    public init(path: String, busyTimeout: Duration = .seconds(5)) throws(JournalError) {
        self.path = path
        guard FileManager.default.fileExists(atPath: path) else {
            throw .readFailed(path: path, what: "anything", reason: "there is no such file (the journal is <cluster.data_dir>/journal.sqlite on the broker's machine; pass --config, --data-dir or --journal)")
        }
        var configuration = Configuration()
        configuration.label = "JournalMaintenance"
        configuration.busyMode = .timeout(Double(busyTimeout.components.seconds))
        do {
            database = try DatabaseQueue(path: path, configuration: configuration)
        } catch {
            throw JournalError.wrapping(error, path: path) { .cannotOpen(path: path, reason: $0) }
        }
    }

    /// Row counts, sizes and the oldest task, read in one snapshot.
    public func stats() throws(JournalError) -> JournalStats {
        do {
            return try database.read { db in
                func count(_ sql: String) throws -> Int { try Int.fetchOne(db, sql: sql) ?? 0 }
                let pageSize = try count("PRAGMA page_size")
                let oldest = try Double.fetchOne(db, sql: "SELECT min(created_at) FROM tasks")
                let oldestUnfinished = try Double.fetchOne(db, sql: "SELECT min(created_at) FROM tasks WHERE terminal = 0")
                let walSize = ((try? FileManager.default.attributesOfItem(atPath: path + "-wal"))?[.size] as? NSNumber)?.intValue ?? 0
                return JournalStats(
                    tasks: try count("SELECT count(*) FROM tasks"),
                    unfinishedTasks: try count("SELECT count(*) FROM tasks WHERE terminal = 0"),
                    progressLines: try count("SELECT count(*) FROM progress"),
                    transcripts: try count("SELECT count(*) FROM transcripts"),
                    transcriptBytes: try count("SELECT coalesce(sum(length(CAST(text AS BLOB))), 0) FROM transcripts"),
                    results: try count("SELECT count(*) FROM results"),
                    attempts: try count("SELECT count(*) FROM attempts"),
                    fileBytes: try count("PRAGMA page_count") * pageSize,
                    freeBytes: try count("PRAGMA freelist_count") * pageSize,
                    walBytes: walSize,
                    oldestTask: oldest.map(Date.init(timeIntervalSinceReferenceDate:)),
                    oldestUnfinishedTask: oldestUnfinished.map(Date.init(timeIntervalSinceReferenceDate:)))
            }
        } catch {
            throw JournalError.wrapping(error, path: path) { .readFailed(path: path, what: "the journal's figures", reason: $0) }
        }
    }

    /// Copies the whole journal to `destination` with SQLite's online backup: one
    /// consistent snapshot, taken while the broker goes on committing. Refuses to
    /// overwrite an existing file.
    public func backup(to destination: String) throws(JournalError) {
        guard !FileManager.default.fileExists(atPath: destination) else {
            throw .cannotOpen(path: destination, reason: "the file exists already; give a new name, a backup never overwrites")
        }
        do {
            let copy = try DatabaseQueue(path: destination)
            try database.backup(to: copy)
            try copy.close()
        } catch {
            try? FileManager.default.removeItem(atPath: destination)
            throw JournalError.wrapping(error, path: destination) { .commitFailed(path: destination, writeCount: 0, reason: "backup failed: \($0)") }
        }
    }
}

/// The figures `claude-cluster journal stats` prints.
public struct JournalStats: Sendable, Hashable, Codable {
    public var tasks: Int
    public var unfinishedTasks: Int
    public var progressLines: Int
    public var transcripts: Int
    /// UTF-8 bytes of stored transcript text.
    public var transcriptBytes: Int
    public var results: Int
    public var attempts: Int
    /// The database file's size (pages times page size), free pages included.
    public var fileBytes: Int
    /// Free pages inside the file: space SQLite reuses for new rows.
    public var freeBytes: Int
    /// The write-ahead log beside it.
    public var walBytes: Int
    public var oldestTask: Date?
    public var oldestUnfinishedTask: Date?

    enum CodingKeys: String, CodingKey {
        case tasks
        case unfinishedTasks = "unfinished_tasks"
        case progressLines = "progress_lines"
        case transcripts
        case transcriptBytes = "transcript_bytes"
        case results, attempts
        case fileBytes = "file_bytes"
        case freeBytes = "free_bytes"
        case walBytes = "wal_bytes"
        case oldestTask = "oldest_task"
        case oldestUnfinishedTask = "oldest_unfinished_task"
    }
}
