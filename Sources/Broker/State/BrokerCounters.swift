/// Running totals since the broker started, for `mmi.info` and `mmi.metrics`.
public struct BrokerCounters: Sendable, Hashable, Codable {
    /// Messages dropped because they were not valid MDP or not valid for their peer.
    public var invalidMessages = 0
    /// Management requests whose body could not be read (answered `bad_request`).
    public var badRequests = 0
    /// Plain client requests received for worker services.
    public var requestsReceived = 0
    /// Plain requests answered with a FINAL from a worker.
    public var requestsAnswered = 0
    /// Plain requests that waited past the request expiry with no worker.
    public var requestsExpired = 0
    /// Plain requests refused because their service's waiting list was full.
    public var requestsRefused = 0
    /// Management (`mmi.*`) requests received.
    public var managementRequests = 0
    /// Workers that registered.
    public var workersRegistered = 0
    /// Workers removed after going silent past their liveness, or holding work too long.
    public var workersExpired = 0
    /// Workers that sent DISCONNECT, or were disconnected for a protocol error.
    public var workersDisconnected = 0
    /// Tasks accepted by `mmi.task.submit` (deduplicated submissions not included).
    public var tasksSubmitted = 0
    /// Submissions answered with an existing task because of their idempotency key.
    public var tasksDeduplicated = 0
    /// Task deliveries to agents (each attempt and each redelivery).
    public var tasksDispatched = 0
    /// Tasks queued again after their agent was lost or their recovery grace ran out.
    public var tasksRequeued = 0
    /// Failed attempts that were scheduled for another attempt.
    public var tasksRetried = 0
    /// Tasks that ended succeeded.
    public var tasksSucceeded = 0
    /// Attempts that failed (by the agent's report).
    public var attemptsFailed = 0
    /// Attempts the broker timed out.
    public var attemptsTimedOut = 0
    /// Tasks that ended cancelled.
    public var tasksCancelled = 0
    /// Tasks that ended failed, timed out or dead-lettered after their last attempt.
    public var tasksExhausted = 0
    /// Attempts that ended on a usage limit (given back to their queue, not counted).
    public var usageLimitedResults = 0
    /// Times an account was paused by a usage limit.
    public var accountsPaused = 0
    /// Results ignored because their task was already decided or the attempt was stale.
    public var duplicateResults = 0
    /// Second results the state machine let through and the journal ignored (its first
    /// result stands): each is a broker bug, and the fault suite fails on any.
    public var resultsIgnoredByJournal = 0
    /// Tasks the state machine accepted and the journal refused to store because another
    /// task holds their idempotency key; their submitters were answered with that task
    /// (also counted in `tasksSubmitted`).
    public var tasksRefusedByJournal = 0
    /// Progress lines stored.
    public var progressUpdates = 0
    /// Broadcasts published.
    public var broadcasts = 0
    /// Alerts published.
    public var alerts = 0

    /// All zero.
    public init() {}
}
