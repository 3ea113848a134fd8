import Foundation
import GRDB

/// Deletes finished tasks past the retention period, with their progress, transcripts,
/// results and attempts, in small transactions on its own connection, so the broker's
/// thread never does the work and waits for the write lock a few milliseconds at most.
///
/// Never touches an unfinished task, nor a finished one that an unfinished follow-up names
/// as its parent (the follow-up continues its branch and session).
///
/// ```swift
/// let pruner = try JournalPruner(path: journal.path)
/// let report = try await pruner.prune(finishedBefore: Date().addingTimeInterval(-30 * 86_400))
/// ```
final class JournalPruner: JournalPruning {
    /// The SQLite file.
    let path: String
    /// Tasks deleted per transaction (at least 1).
    let batchSize: Int
    private let database: DatabaseQueue

    /// Opens a second connection to the journal at `path` (which must exist).
    init(path: String, batchSize: Int = 500, busyTimeout: Duration = .seconds(5)) throws(JournalError) {
        self.path = path
        self.batchSize = max(1, batchSize)
        var configuration = Configuration()
        configuration.label = "JournalPruner"
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(Double(busyTimeout.components.seconds))
        do {
            database = try DatabaseQueue(path: path, configuration: configuration)
        } catch {
            throw JournalError.wrapping(error, path: path) { .cannotOpen(path: path, reason: $0) }
        }
    }

    /// Deletes every finished task last changed before `cutoff`, `batchSize` at a time;
    /// returns how many tasks went and how long it took.
    func prune(finishedBefore cutoff: Date) async throws(JournalError) -> JournalPruneReport {
        let clock = ContinuousClock()
        let started = clock.now
        var removed = 0
        var batches = 0
        while true {
            let count = try await deleteBatch(cutoff: cutoff)
            guard count > 0 else { break }
            removed += count
            batches += 1
            // Let the broker's commits in between batches.
            await Task.yield()
        }
        if removed > 0 { try await releaseFreePages() }
        return JournalPruneReport(removedTasks: removed, batches: batches, duration: clock.now - started)
    }

    private func deleteBatch(cutoff: Date) async throws(JournalError) -> Int {
        let limit = batchSize
        do {
            return try await database.write { db in
                // Cascades to progress, transcripts, results and attempts.
                try db.execute(sql: """
                    DELETE FROM tasks WHERE id IN (
                        SELECT id FROM tasks INDEXED BY tasks_finished
                        WHERE terminal = 1 AND updated_at < ?
                          AND id NOT IN (
                              SELECT json_extract(record, '$.spec.parent') FROM tasks
                              WHERE terminal = 0 AND json_extract(record, '$.spec.parent') IS NOT NULL)
                        ORDER BY updated_at LIMIT ?)
                    """, arguments: [cutoff.timeIntervalSinceReferenceDate, limit])
                return db.changesCount
            }
        } catch {
            throw JournalError.wrapping(error, path: path) { .commitFailed(path: path, writeCount: limit, reason: "pruning: \($0)") }
        }
    }

    /// Gives freed pages back to the file system (journals created with incremental
    /// auto-vacuum; older ones reuse the pages for new rows instead) and truncates the WAL.
    private func releaseFreePages() async throws(JournalError) {
        do {
            try await database.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA incremental_vacuum")
                try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
            }
        } catch {
            throw JournalError.wrapping(error, path: path) { .commitFailed(path: path, writeCount: 0, reason: "releasing pruned pages: \($0)") }
        }
    }
}

/// Deletes the journal's finished tasks past a cutoff, beside the broker thread
/// (``JournalRetention`` runs it): ``JournalPruner`` for SQLite, ``PostgresJournalPruner``.
protocol JournalPruning: Sendable {
    /// Deletes every finished task last changed before `cutoff` (never one an unfinished
    /// follow-up names as its parent), in small transactions.
    func prune(finishedBefore cutoff: Date) async throws(JournalError) -> JournalPruneReport
}

/// What one pruning pass did.
struct JournalPruneReport: Sendable, Hashable {
    /// Tasks deleted, with everything stored for them.
    var removedTasks: Int
    /// Transactions it took.
    var batches: Int
    var duration: Duration
}
