/// How a ``TaskJournal`` stores data: durability and the bounds on per-task history.
public struct JournalOptions: Sendable, Hashable {
    /// SQLite's `PRAGMA synchronous` level for the journal connection.
    public enum Synchronous: String, Sendable, Hashable, CaseIterable {
        /// Every commit is on disk before it returns: a power cut loses nothing that was
        /// acknowledged. The default, because tasks are acknowledged only after commit.
        case full = "FULL"
        /// WAL is synced at checkpoints only: the database never corrupts, but a power cut
        /// (not a process crash) may lose the last commits. Use only for benchmarks.
        case normal = "NORMAL"
    }

    /// The durability of each commit.
    var synchronous: Synchronous
    /// Progress lines kept per task; older lines are deleted. At least 1.
    var progressLimit: Int
    /// Transcript bytes (UTF-8) kept per task attempt; older text is dropped. At least 1.
    var transcriptByteLimit: Int
    /// How long to wait for a lock held by another process (a backup, the sqlite3 shell).
    var busyTimeout: Duration
    /// With ``Synchronous/full``: whether the caller syncs commits itself, after
    /// ``TaskJournal/commit(_:)`` returns, instead of SQLite inside it. SQLite then runs at
    /// NORMAL and a commit is durable only once a `JournalSyncer` has synced it. The broker
    /// turns this on so it can read on while the disk syncs; nothing else should.
    var deferredSync = false

    /// Options with the defaults: FULL sync, 200 progress lines, 4 MiB of transcript, 5 s.
    ///
    /// Out-of-range values are clamped rather than rejected, so a bad config never traps.
    public init(
        synchronous: Synchronous = .full,
        progressLimit: Int = 200,
        transcriptByteLimit: Int = 4 * 1024 * 1024,
        busyTimeout: Duration = .seconds(5)
    ) {
        self.synchronous = synchronous
        self.progressLimit = max(1, progressLimit)
        self.transcriptByteLimit = max(1, transcriptByteLimit)
        self.busyTimeout = max(.zero, busyTimeout)
    }

    /// ``busyTimeout`` in seconds, as SQLite wants it.
    var busyTimeoutSeconds: Double {
        let parts = busyTimeout.components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
