import Wire

/// The journal refused a batch because a task it was to insert reuses the idempotency key
/// of another task: an input to ``BrokerState/journalRefused(_:batch:now:)``.
///
/// The state machine deduplicates submissions by key, so this happens only when its view
/// and the journal's part: a task with the key ended (and left the state machine's tables)
/// in the same batch that a second submission with that key arrived, or the journal could
/// not be read when the submission was looked up.
struct JournalRefusal: Sendable, Hashable {
    /// The task the journal refused to store.
    var taskID: String
    /// The idempotency key it shares with the holder.
    var idempotencyKey: String
    /// The task that holds the key, as the journal named it (nil when it could not tell).
    var holderID: String?
    /// The holder as committed in the journal, when the shell could read it after the
    /// batch was rolled back; nil when the holder is only in the refused batch or unreadable.
    var committedHolder: TaskRecord?

    /// A refusal of `taskID` over `idempotencyKey`.
    init(taskID: String, idempotencyKey: String, holderID: String?, committedHolder: TaskRecord? = nil) {
        self.taskID = taskID
        self.idempotencyKey = idempotencyKey
        self.holderID = holderID
        self.committedHolder = committedHolder
    }
}
