/// The indexed columns of a task row that change after it is stored, as this journal
/// last committed them: with them, an update sets only the indexed columns whose value
/// changes, and SQLite leaves the other indexes alone.
///
/// SQLite rewrites an index entry whenever an UPDATE sets any of its columns, whatever
/// the value; a task's agent is set once, when it is assigned, yet an upsert setting it
/// on every change rewrote `tasks_agent` each time.
struct StoredTaskColumns: Sendable, Hashable {
    var agent: String?
    var terminal: Bool
}

/// What the journal remembers of the task rows it wrote, for ``StoredTaskColumns``.
///
/// Only unfinished tasks are kept: a finished one is not updated again (and if it is,
/// the full upsert, used on every miss, is always right). The journal is the only
/// writer of its file, so what it committed is what the file holds; an update that finds
/// no row falls back to the full upsert all the same.
struct StoredTaskColumnsCache: Sendable {
    private var columns: [String: StoredTaskColumns] = [:]

    /// Changes made by one batch, applied only once it commits.
    struct Changes: Sendable {
        fileprivate var updated: [String: StoredTaskColumns?] = [:]

        /// Records what `taskID`'s row now holds (a finished task is forgotten).
        mutating func stored(_ stored: StoredTaskColumns, for taskID: String) {
            updated[taskID] = stored.terminal ? .some(nil) : .some(stored)
        }
    }

    /// Tasks remembered (unfinished tasks written since the journal opened).
    var count: Int { columns.count }

    /// The row's columns as last committed or changed earlier in `changes`, if known.
    func columns(of taskID: String, with changes: Changes) -> StoredTaskColumns? {
        if let changed = changes.updated[taskID] { return changed }
        return columns[taskID]
    }

    /// Takes in a committed batch's changes.
    mutating func apply(_ changes: Changes) {
        for (taskID, stored) in changes.updated {
            columns[taskID] = stored
        }
    }
}
