/// How a runner's attempt ended, classified once from its `result` line and exit status.
///
/// Everything downstream (the broker's retry decision, the status shown to people)
/// switches on this value, never on the runner's text.
public enum RunEnding: String, Codable, Sendable, Hashable, CaseIterable {
    /// The runner finished its work.
    case succeeded
    /// The runner failed for a reason of its own (`errors[]`, `result`, exit status).
    case failed
    /// The account's usage limit was reached; the attempt does not count.
    case usageLimited = "usage_limited"
    /// The runner stopped at its turn limit.
    case maxTurns = "max_turns"
    /// The runner stopped at its spending limit.
    case budgetExceeded = "budget_exceeded"
    /// Every change the runner tried was refused by its permission mode.
    case permissionDenied = "permission_denied"
    /// The runner has no credentials.
    case notLoggedIn = "not_logged_in"
    /// The model's API answered with an error (`api_error_status`).
    case apiError = "api_error"
    /// The runner did not finish within its time limit.
    case timedOut = "timed_out"
    /// The task was cancelled while the runner worked.
    case cancelled
    /// The runner could not be started.
    case notStarted = "not_started"
}
