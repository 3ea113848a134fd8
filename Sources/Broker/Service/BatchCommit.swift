import Wire

/// Commits one batch of the state machine's actions to the journal and hands the
/// journal's answer back to the state machine: the shell's half of "nothing is
/// acknowledged that is not stored".
enum BatchCommit {
    /// Commits the `.journal` writes of `actions` in one transaction.
    ///
    /// What the journal left out (a second result) goes to
    /// ``BrokerState/journalCommitted(_:)``, whose actions join the batch. A refusal of a
    /// task whose idempotency key another task holds rolls the transaction back and goes
    /// to ``BrokerState/journalRefused(_:batch:now:)``, which revises the batch (the
    /// refused task's acknowledgement becomes the answer it decides); the revised batch is
    /// committed instead. Each refusal takes one task's writes out, so this ends.
    ///
    /// - Returns: how many writes were committed; nil when the batch had none.
    /// - Throws: any other journal failure, and a refusal of a task with no writes in the
    ///   batch (a bug the broker must not loop on).
    static func commit(
        _ actions: inout [BrokerAction], state: inout BrokerState, journal: any JournalStore, now: BrokerTime
    ) throws(JournalError) -> Int? {
        while true {
            var writes: [JournalWrite] = []
            for case .journal(let write) in actions { writes.append(write) }
            guard !writes.isEmpty else { return nil }
            do {
                let summary = try journal.commit(writes)
                actions += state.journalCommitted(summary)
                return writes.count
            } catch .duplicateIdempotencyKey(let path, let key, let taskID, let holderID) {
                guard writes.contains(where: { $0.taskID == taskID }) else {
                    throw .duplicateIdempotencyKey(path: path, key: key, taskID: taskID, existingTaskID: holderID)
                }
                let committedHolder = try? journal.task(idempotencyKey: key)
                let refusal = JournalRefusal(
                    taskID: taskID, idempotencyKey: key, holderID: holderID, committedHolder: committedHolder)
                actions = state.journalRefused(refusal, batch: actions, now: now)
            }
        }
    }
}
