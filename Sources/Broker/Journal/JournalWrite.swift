import Wire

/// One change to the task journal, produced by the broker's state machine and applied by
/// ``TaskJournal/commit(_:)`` together with the rest of its batch in one transaction.
///
/// `indirect` because a task record is several hundred bytes of fields, a score of them
/// reference-counted: a write passes through the action list, the batch and the commit,
/// and each of those copies is now one retain of a box instead of a copy of every field.
indirect enum JournalWrite: Sendable, Hashable {
    /// Inserts the task, or updates the existing row with the same id; the row keeps the
    /// record's JSON exactly as the bus carries it. A task's spec and creation time never
    /// change once it is stored, so an update leaves the columns copied from them (and
    /// their indexes) alone.
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
    /// Keeps what one finished attempt cost and its runner session; the first record of an
    /// attempt wins.
    case recordAttempt(AttemptRecord)
    /// Stores an operator's pause of an agent (by lowercased name), or removes it (nil).
    case setAgentPause(agent: String, OperatorPause?)

    /// The task this write belongs to; nil for a write about an agent.
    var taskID: String? {
        switch self {
        case .upsertTask(let task): task.record.id
        case .appendProgress(let update): update.taskID
        case .appendTranscript(let taskID, _, _): taskID
        case .recordResult(let taskID, _, _): taskID
        case .recordAttempt(let attempt): attempt.taskID
        case .setAgentPause: nil
        }
    }
}
