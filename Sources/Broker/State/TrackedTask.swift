import Wire

/// A task the broker holds in memory: every unfinished task, from submission (or
/// restore) until it ends.
struct TrackedTask: Sendable {
    /// Where the task is now.
    enum Placement: Sendable, Hashable {
        /// Waiting in its queue; the ticket names its live queue entry.
        case queued(ticket: Int)
        /// Waiting for its retry time (`record.notBefore`).
        case backoff(until: Duration)
        /// Held by a worker for `record.attempts`; the delivery number tells this delivery
        /// from earlier ones in timer entries.
        case dispatched(peer: PeerID, delivery: Int, deadline: Duration)
        /// Restored as assigned/running: waiting for its agent to report it.
        case recovering(until: Duration)
    }

    var record: TaskRecord
    /// `record.spec` as `JSONWire` encodes it: encoded once, spliced into every body
    /// that carries the spec (see `EncodedTaskRecord`).
    let specJSON: [UInt8]
    var route: TaskRoute
    var placement: Placement
    /// Deliveries so far (this broker run, plus attempts restored from the journal).
    var deliveries = 0
    /// Deliveries that ended on a usage limit: they do not count towards `maxDeliveries`.
    var pausedDeliveries = 0
    /// The highest attempt whose failure has been counted; the next dispatch after it
    /// starts a new attempt, while a redelivery after a lost agent repeats the attempt.
    var settledAttempt: Int
    /// Numbers progress lines a plain worker sends as text.
    var textProgressSequence = 0
    /// Where the next attempt can pick up earlier work: the parent's for a follow-up, then
    /// the last failed attempt's. Sent with every assignment.
    var continuation: TaskContinuation?

    /// The peer holding the task, when dispatched.
    var holder: PeerID? {
        if case .dispatched(let peer, _, _) = placement { return peer }
        return nil
    }
}
