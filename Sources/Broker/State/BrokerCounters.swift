/// Running totals since the broker started, for `mmi.info` and `mmi.metrics`.
struct BrokerCounters: Sendable, Hashable, Codable {
    /// Messages dropped because they were not valid MDP or not valid for their peer.
    var invalidMessages = 0
    /// Management requests whose body could not be read (answered `bad_request`).
    var badRequests = 0
    /// Plain client requests received for worker services.
    var requestsReceived = 0
    /// Plain requests answered with a FINAL from a worker.
    var requestsAnswered = 0
    /// Plain requests that waited past the request expiry with no worker.
    var requestsExpired = 0
    /// Plain requests refused because their service's waiting list was full.
    var requestsRefused = 0
    /// Management (`mmi.*`) requests received.
    var managementRequests = 0
    /// Workers that registered.
    var workersRegistered = 0
    /// Workers removed after going silent past their liveness, or holding work too long.
    var workersExpired = 0
    /// Workers that sent DISCONNECT, or were disconnected for a protocol error.
    var workersDisconnected = 0
    /// Ticks that held back due silence or busy checks because the shell had not read all
    /// its input yet (``SilenceHorizon``): a broker falling behind its heartbeats.
    var workerChecksDeferred = 0
    /// Connections of registered workers that the shell saw close (each starts a grace).
    var workerConnectionsClosed = 0
    /// Workers removed because their connection closed (the socket monitor saw it) and
    /// they did not come back within the disconnect grace.
    var workersConnectionLost = 0
    /// Tasks accepted by `mmi.task.submit` (deduplicated submissions not included).
    var tasksSubmitted = 0
    /// Submissions answered with an existing task because of their idempotency key.
    var tasksDeduplicated = 0
    /// Task deliveries to agents (each attempt and each redelivery).
    var tasksDispatched = 0
    /// Tasks queued again after their agent was lost or their recovery grace ran out.
    var tasksRequeued = 0
    /// Of `tasksRequeued`: tasks queued again because their agent's connection closed,
    /// without waiting for its heartbeats to stop.
    var tasksRequeuedAfterDisconnect = 0
    /// Failed attempts that were scheduled for another attempt.
    var tasksRetried = 0
    /// Tasks that ended succeeded.
    var tasksSucceeded = 0
    /// Attempts that failed (by the agent's report).
    var attemptsFailed = 0
    /// Attempts the broker timed out.
    var attemptsTimedOut = 0
    /// Tasks that ended cancelled.
    var tasksCancelled = 0
    /// Tasks that ended failed, timed out or dead-lettered after their last attempt.
    var tasksExhausted = 0
    /// Attempts that ended on a usage limit (given back to their queue, not counted).
    var usageLimitedResults = 0
    /// Times an account was paused by a usage limit.
    var accountsPaused = 0
    /// Times an operator paused or drained an agent that was not paused.
    var agentPauses = 0
    /// Results ignored because their task was already decided or the attempt was stale.
    var duplicateResults = 0
    /// Second results the state machine let through and the journal ignored (its first
    /// result stands): each is a broker bug, and the fault suite fails on any.
    var resultsIgnoredByJournal = 0
    /// Tasks the state machine accepted and the journal refused to store because another
    /// task holds their idempotency key; their submitters were answered with that task
    /// (also counted in `tasksSubmitted`).
    var tasksRefusedByJournal = 0
    /// Progress lines stored.
    var progressUpdates = 0
    /// Broadcasts published.
    var broadcasts = 0
    /// Alerts published.
    var alerts = 0

    /// All zero.
    init() {}
}
