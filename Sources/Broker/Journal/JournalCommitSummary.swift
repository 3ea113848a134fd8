/// What a committed batch left out on purpose, so the broker can log and count it.
///
/// Everything not listed here was stored. Nothing listed here is an error: each is a
/// duplicate or a late message that the journal's rules say to drop.
struct JournalCommitSummary: Sendable, Hashable {
    /// A result that was not recorded because the task already had one.
    struct IgnoredResult: Sendable, Hashable {
        /// The task.
        var taskID: String
        /// The attempt whose result was ignored.
        var attempt: Int
    }

    /// Results ignored because their task already had a recorded result (first wins).
    var ignoredResults: [IgnoredResult] = []
    /// Progress lines ignored because the same (task, attempt, sequence) was stored.
    var duplicateProgress: Int = 0
    /// Progress, transcript and result writes for a task the journal does not hold (not
    /// stored in this batch or before): dropped rather than failing the whole batch.
    var unknownTaskWrites: [JournalWrite] = []

    /// True when every write of the batch was stored.
    var storedEverything: Bool {
        ignoredResults.isEmpty && duplicateProgress == 0 && unknownTaskWrites.isEmpty
    }
}
