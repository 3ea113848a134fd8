import Foundation
import GRDB
import Wire

/// The broker's durable record of tasks, their progress, transcripts and results: one
/// SQLite file in WAL mode, written in batches.
///
/// ```swift
/// let journal = try TaskJournal(directory: dataDirectory)
/// try journal.commit([.upsertTask(EncodedTaskRecord(record)), .appendProgress(update)])  // one fsync
/// // only now acknowledge `record` to its submitter
/// ```
///
/// Threading: not `Sendable`. It belongs to the broker's socket thread, which makes every
/// call, reads included; it may be created elsewhere and handed over once. Every call is
/// synchronous and blocks that thread for as long as SQLite takes (500 upserts commit in
/// about 10 ms in a release build on a 2-core VM, half of it JSON encoding), which is why
/// writes come in batches.
///
/// Durability: ``commit(_:)`` returns only after the batch is on disk (`synchronous =
/// FULL` unless ``JournalOptions/synchronous`` says otherwise), so a task acknowledged
/// after its commit survives a crash or a power cut. With ``JournalOptions/deferredSync``
/// the batch is on disk only once a `JournalSyncer` has synced it (the broker's way).
public final class TaskJournal {
    /// The SQLite file.
    let path: String
    /// The options in force, after clamping.
    let options: JournalOptions
    /// One connection: one owning thread needs no pool, and a single connection sees its
    /// own writes at once. nil after ``close()``.
    private var database: DatabaseQueue?
    let coding = JournalCoding()
    /// The indexed columns of the unfinished tasks written since opening, so that updates
    /// set only the indexed columns that change.
    private(set) var storedColumns = StoredTaskColumnsCache()

    /// Opens (creating if needed) the journal `fileName` in `directory`, and brings its
    /// schema up to date.
    ///
    /// - Throws: ``JournalError/cannotCreateDirectory(path:reason:)``,
    ///   ``JournalError/cannotOpen(path:reason:)``, ``JournalError/corrupt(path:reason:)``
    ///   for a file that is not a healthy SQLite database, ``JournalError/newerSchema(path:unknownMigrations:)``,
    ///   ``JournalError/migrationFailed(path:reason:)``.
    public init(
        directory: URL, fileName: String = "journal.sqlite", options: JournalOptions = JournalOptions()
    ) throws(JournalError) {
        let path = directory.appendingPathComponent(fileName).path
        self.path = path
        // Re-initialised so that limits set on the public vars are clamped as well.
        var clamped = JournalOptions(
            synchronous: options.synchronous, progressLimit: options.progressLimit,
            transcriptByteLimit: options.transcriptByteLimit, busyTimeout: options.busyTimeout)
        clamped.deferredSync = options.deferredSync && options.synchronous == .full
        self.options = clamped
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw .cannotCreateDirectory(path: directory.path, reason: error.localizedDescription)
        }
        let database = try Self.open(path: path, options: self.options)
        try Self.migrate(database, path: path)
        self.database = database
    }

    /// Closes the file; later calls throw ``JournalError/closed(path:)``. Closing twice
    /// is harmless. Dropping the journal closes it too; this makes the moment explicit.
    public func close() throws(JournalError) {
        guard let database else { return }
        self.database = nil
        do { try database.close() } catch {
            throw JournalError.wrapping(error, path: path) { .cannotOpen(path: path, reason: "closing failed: \($0)") }
        }
    }

    /// Applies `writes` in order in one transaction: all of them are stored, or, when
    /// this throws, none.
    ///
    /// Writes that the journal's rules drop are listed in the returned summary instead:
    /// a second result for a task (the first recorded result wins, so an answer from a
    /// retried or stale attempt can never replace it; the state machine should already
    /// have ignored it — this is the second line of defence), a progress line already
    /// stored, and progress, transcript or result writes for a task the journal does not
    /// hold.
    ///
    /// - Throws: ``JournalError/commitFailed(path:writeCount:reason:)``,
    ///   ``JournalError/duplicateIdempotencyKey(path:key:taskID:existingTaskID:)``;
    ///   the batch is rolled back.
    @discardableResult
    func commit(_ writes: [JournalWrite]) throws(JournalError) -> JournalCommitSummary {
        let database = try openDatabase()
        guard !writes.isEmpty else { return JournalCommitSummary() }
        do {
            var summary = JournalCommitSummary()
            var columnChanges = StoredTaskColumnsCache.Changes()
            try database.inTransaction(.immediate) { db in
                var batch = JournalBatch(db: db, path: path, coding: coding, options: options, storedColumns: storedColumns)
                try batch.apply(writes)
                summary = batch.summary
                columnChanges = batch.columnChanges
                return .commit
            }
            // Only now: a batch rolled back left the rows as they were.
            storedColumns.apply(columnChanges)
            return summary
        } catch {
            throw JournalError.wrapping(error, path: path) {
                .commitFailed(path: path, writeCount: writes.count, reason: $0)
            }
        }
    }

    /// Runs a read, turning any failure into a ``JournalError`` that names `what`.
    func read<T>(_ what: @autoclosure () -> String, _ body: (Database) throws -> T) throws(JournalError) -> T {
        let database = try openDatabase()
        do {
            return try database.read(body)
        } catch {
            throw JournalError.wrapping(error, path: path) { .readFailed(path: path, what: what(), reason: $0) }
        }
    }

    private func openDatabase() throws(JournalError) -> DatabaseQueue {
        guard let database else { throw .closed(path: path) }
        return database
    }
}

extension TaskJournal: JournalStore {
    var location: String { path }

    func historyReader() throws(JournalError) -> any JournalHistorySource {
        try JournalHistoryReader(path: path)
    }
}

@available(*, unavailable, message: "TaskJournal belongs to the broker's socket thread")
extension TaskJournal: Sendable {}
