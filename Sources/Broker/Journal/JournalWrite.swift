import Wire

/// One change to the task journal, produced by the broker's state machine and applied by
/// ``TaskJournal/commit(_:)`` together with the rest of its batch in one transaction.
public enum JournalWrite: Sendable, Hashable {
    /// Inserts the task, or replaces every column of the existing row with the same id;
    /// the row keeps the record's JSON exactly as the bus carries it.
    case upsertTask(EncodedTaskRecord)
    /// Stores one progress line; the journal keeps only the newest
    /// ``JournalOptions/progressLimit`` lines per task, and ignores a line whose
    /// (task, attempt, sequence) it already has.
    case appendProgress(ProgressUpdate)
    /// Appends runner output to the transcript of one attempt; the journal keeps at most
    /// ``JournalOptions/transcriptByteLimit`` bytes per attempt, dropping the oldest text.
    case appendTranscript(taskID: String, attempt: Int, text: String)
    /// Records the result that ends a task; the first result recorded for a task wins and
    /// every later one is ignored (see ``TaskJournal/commit(_:)``).
    case recordResult(taskID: String, attempt: Int, TaskResult)

    /// The task this write belongs to.
    public var taskID: String {
        switch self {
        case .upsertTask(let task): task.record.id
        case .appendProgress(let update): update.taskID
        case .appendTranscript(let taskID, _, _): taskID
        case .recordResult(let taskID, _, _): taskID
        }
    }
}
