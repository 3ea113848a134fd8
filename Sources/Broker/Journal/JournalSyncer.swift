import Foundation
import Metrics
import Synchronization

/// Makes the journal's commits durable on a thread of its own, so the broker thread
/// decides the next batch while the disk syncs the last one.
///
/// The journal commits with SQLite at `synchronous = NORMAL` (``JournalOptions/deferredSync``):
/// the batch is written to the write-ahead log but not yet synced. This syncs that file
/// (`fdatasync`), which is what `synchronous = FULL` does inside each commit, and then
/// reports the newest commit it covers; the broker holds every reply, dispatch and event
/// of a batch until then (``HeldActions``). Syncs are grouped: requests that arrive
/// during a sync are covered by the next one. NORMAL still syncs the log before each
/// checkpoint and the database after it, so the file stays consistent whatever happens.
///
/// On Linux `fdatasync` flushes a file's data whichever descriptor wrote it, so a
/// descriptor of our own reaches SQLite's writes. The log's folder is synced once too,
/// as SQLite does for a file it creates, so the log itself survives a power cut.
final class JournalSyncer: @unchecked Sendable {
    /// Syncs the journal's files; replaced in tests.
    typealias Sync = @Sendable () throws(JournalError) -> Void

    private let condition = NSCondition()
    // Guarded by `condition`.
    private var requested: UInt64 = 0
    private var stopping = false
    private var thread: Thread?
    private let finished = DispatchSemaphore(value: 0)
    /// Written only by the syncer's thread, which is also the only one that waits on it.
    private let coveredTicket = Atomic<UInt64>(0)
    private let syncTimer = Timer(label: "cluster_broker_journal_sync_seconds")

    private let sync: Sync
    private let synced: @Sendable (UInt64) -> Void
    private let failed: @Sendable (JournalError) -> Void

    /// A syncer for `journal`'s write-ahead log; `synced` gets the newest ticket each sync
    /// covers and `failed` the error that ends syncing, both on the syncer's thread;
    /// `willSync`, if any, runs there before each sync.
    convenience init(
        journal: TaskJournal,
        willSync: (@Sendable () -> Void)? = nil,
        synced: @escaping @Sendable (UInt64) -> Void,
        failed: @escaping @Sendable (JournalError) -> Void
    ) {
        let files = JournalFiles(journal: journal)
        self.init(
            sync: { () throws(JournalError) in
                willSync?()
                try files.sync()
            },
            synced: synced, failed: failed)
    }

    init(sync: @escaping Sync, synced: @escaping @Sendable (UInt64) -> Void, failed: @escaping @Sendable (JournalError) -> Void) {
        self.sync = sync
        self.synced = synced
        self.failed = failed
        let thread = Thread { [self] in run() }
        thread.name = "journal-sync"
        self.thread = thread
        thread.start()
    }

    /// The newest ticket known to be on disk, readable at any time without waiting for
    /// the `synced` report (the broker looks between the messages of a batch).
    var covered: UInt64 { coveredTicket.load(ordering: .acquiring) }

    /// Asks for a sync covering every commit up to `ticket`.
    func request(_ ticket: UInt64) {
        condition.lock()
        requested = max(requested, ticket)
        condition.signal()
        condition.unlock()
    }

    /// Syncs on the calling thread, after the syncer's thread has ended (see ``stop()``).
    func syncNow() throws(JournalError) {
        try sync()
    }

    /// Ends the thread once the sync under way, if any, is done; requests not yet started
    /// are left to ``syncNow()``.
    func stop() {
        condition.lock()
        stopping = true
        condition.signal()
        condition.unlock()
        guard thread != nil else { return }
        thread = nil
        finished.wait()
    }

    private func run() {
        defer { finished.signal() }
        while true {
            condition.lock()
            while requested == covered && !stopping { condition.wait() }
            if stopping {
                condition.unlock()
                return
            }
            let target = requested
            condition.unlock()
            let started = ContinuousClock.now
            do {
                try sync()
                syncTimer.recordNanoseconds((ContinuousClock.now - started).nanoseconds)
            } catch {
                failed(error)
                return
            }
            coveredTicket.store(target, ordering: .releasing)
            synced(target)
        }
    }
}

/// The journal's files as the syncer reaches them: the write-ahead log, and its folder.
private final class JournalFiles: @unchecked Sendable {
    private let logPath: String
    private let folderPath: String
    private let databasePath: String
    /// Only the syncer's thread (or, after it ended, the stopping one) touches this.
    private var folderSynced = false

    init(journal: TaskJournal) {
        databasePath = journal.path
        logPath = journal.path + "-wal"
        folderPath = (journal.path as NSString).deletingLastPathComponent
    }

    func sync() throws(JournalError) {
        let log = open(logPath, O_RDONLY | O_CLOEXEC)
        // No log yet means no commit in WAL mode since it was opened; sync the database.
        let descriptor = log >= 0 ? log : open(databasePath, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure("cannot open \(logPath) to sync it") }
        defer { close(descriptor) }
        guard fdatasync(descriptor) == 0 else { throw failure("fdatasync \(log >= 0 ? logPath : databasePath)") }
        if !folderSynced {
            let folder = open(folderPath, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            guard folder >= 0 else { throw failure("cannot open \(folderPath) to sync it") }
            defer { close(folder) }
            guard fsync(folder) == 0 else { throw failure("fsync \(folderPath)") }
            folderSynced = true
        }
    }

    private func failure(_ what: String) -> JournalError {
        .syncFailed(path: databasePath, reason: "\(what): \(String(cString: strerror(errno)))")
    }
}
