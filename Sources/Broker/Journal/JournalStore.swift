import Foundation
import Wire

/// The task journal as the broker uses it, whichever database holds it: ``TaskJournal``
/// (an SQLite file, embedded, the default) or ``PostgresJournal`` (a PostgreSQL database
/// that several brokers share, one of them active).
///
/// Both keep the same rules, and `JournalConformanceTests` runs one suite against both:
/// ``commit(_:)`` applies a batch in order in one transaction, all or nothing; the first
/// result recorded for a task wins; a progress line is stored once; writes for a task the
/// journal does not hold are reported, not stored; a task reusing another's idempotency
/// key rolls the batch back with ``JournalError/duplicateIdempotencyKey(path:key:taskID:existingTaskID:)``.
///
/// Threading: not `Sendable`. A journal belongs to the broker's socket thread, which makes
/// every call; each call blocks that thread until the database has answered.
protocol JournalStore: AnyObject {
    /// Where the journal is, for logs and errors: the SQLite file's path, or the
    /// PostgreSQL URL (which never holds the password).
    var location: String { get }

    /// Applies `writes` in order in one transaction and returns what the journal's rules
    /// left out. When it throws, nothing of the batch is stored.
    ///
    /// Durability: with PostgreSQL the batch is durable when this returns; the SQLite
    /// journal in the broker syncs it afterwards (`JournalSyncer`).
    @discardableResult
    func commit(_ writes: [JournalWrite]) throws(JournalError) -> JournalCommitSummary

    /// Every task that is not in a terminal state, oldest first (creation time, then id).
    func unfinishedTasks() throws(JournalError) -> [TaskRecord]
    /// The task with this id, or nil.
    func task(id: String) throws(JournalError) -> TaskRecord?
    /// The task submitted with this idempotency key, or nil.
    func task(idempotencyKey: String) throws(JournalError) -> TaskRecord?
    /// One page of tasks matching `query`, newest first, keyset-paginated (``TaskCursor``).
    func listTasks(_ query: TaskQuery) throws(JournalError) -> TaskPage
    /// How many tasks are in each state; every state is present.
    func counts() throws(JournalError) -> [TaskState: Int]
    /// The newest `limit` progress lines of a task, oldest first.
    func progress(taskID: String, limit: Int) throws(JournalError) -> [ProgressUpdate]
    /// The transcript of the task's latest attempt that has one, or nil.
    func transcript(taskID: String) throws(JournalError) -> String?
    /// The transcript of one attempt, or nil.
    func transcript(taskID: String, attempt: Int) throws(JournalError) -> String?
    /// The result recorded for a task (the first that arrived), or nil.
    func recordedResult(taskID: String) throws(JournalError) -> RecordedResult?
    /// How many results are recorded for a task: 0 or 1.
    func recordedResultCount(taskID: String) throws(JournalError) -> Int
    /// The attempts of a task that a runner reported on, oldest first.
    func attempts(taskID: String) throws(JournalError) -> [AttemptRecord]
    /// The operators' pauses of agents, by lowercased agent name: what a starting broker
    /// takes back.
    func agentPauses() throws(JournalError) -> [String: OperatorPause]
    /// The agent's last finished tasks, newest first (by when they ended).
    func recentTasks(ofAgent agent: String, limit: Int) throws(JournalError) -> [TaskRecord]
    /// What every attempt the agent ran cost, in US dollars (0 when none reported one).
    func totalCost(ofAgent agent: String) throws(JournalError) -> Double
    /// The tasks that ended in each of the `minutes` whole buckets up to `until`, with the
    /// medians of their queue wait and run time (``TaskHistoryBuilder``).
    func history(minutes: Int, until: Date, bucketSeconds: Int) throws(JournalError) -> TaskHistory
    /// A reader of the same journal on a connection of its own, which answers
    /// `mmi.stats.history` off the broker's thread.
    func historyReader() throws(JournalError) -> any JournalHistorySource
    /// Closes the connection; later calls throw ``JournalError/closed(path:)``.
    func close() throws(JournalError)
}

/// Answers `mmi.stats.history` away from the broker's thread: the scan reads every task
/// that ended in the stretch, which the broker must never wait for.
protocol JournalHistorySource: Sendable {
    /// The reply to a `.history` query, or an `unavailable` failure when the journal
    /// cannot be read.
    func answer(_ query: BrokerQuery) async -> BrokerAction
}

extension JournalStore {
    /// ``history(minutes:until:bucketSeconds:)`` in minutes.
    func history(minutes: Int, until: Date) throws(JournalError) -> TaskHistory {
        try history(minutes: minutes, until: until, bucketSeconds: 60)
    }

    /// Where the next attempt of an unfinished task picks up, for a broker restoring it:
    /// its last booked attempt, and for a follow-up its parent.
    func continuation(of record: TaskRecord) throws(JournalError) -> TaskContinuation? {
        var parent: TaskRecord?
        if let parentID = record.spec.parent { parent = try task(id: parentID) }
        return TaskContinuation.restored(record, lastAttempt: try attempts(taskID: record.id).last, parent: parent)
    }
}
