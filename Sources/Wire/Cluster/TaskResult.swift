/// What an agent reports when an attempt ends.
public struct TaskResult: Codable, Sendable, Hashable {
    /// How the attempt ended, from the agent's side.
    public enum Outcome: String, Codable, Sendable, Hashable {
        case succeeded, failed, timedOut = "timed_out", cancelled
        /// The account hit a usage limit: a pause, not a failure; the attempt does not count.
        case usageLimited = "usage_limited"
    }

    public var outcome: Outcome
    /// The runner's final text, or what went wrong, in one or two sentences.
    public var summary: String
    public var pullRequestURL: String?
    public var branch: String?
    /// True when the run changed files in the worktree.
    public var changedFiles: Bool
    public var costUSD: Double?
    public var durationMs: Int?
    public var turns: Int?
    public var sessionID: String?
    public var exitStatus: Int32?
    /// Exactly what failed (runner, push, pull request), for a person to act on.
    public var error: String?
    /// The last part of the runner's output (bounded by the agent).
    public var transcript: String?
    /// How the runner ended, classified from its result line and exit status.
    public var ending: RunEnding?
    /// Set when the account hit a usage limit (outcome `.usageLimited`).
    public var usageLimit: UsageLimit?
    /// Tokens the attempt used.
    public var usage: TokenUsage?
    /// The model the runner used.
    public var model: String?
    /// Tools the runner's permission mode refused, one entry per refusal.
    public var permissionDenials: [String]?

    public init(
        outcome: Outcome,
        summary: String,
        pullRequestURL: String? = nil,
        branch: String? = nil,
        changedFiles: Bool = false,
        costUSD: Double? = nil,
        durationMs: Int? = nil,
        turns: Int? = nil,
        sessionID: String? = nil,
        exitStatus: Int32? = nil,
        error: String? = nil,
        transcript: String? = nil,
        ending: RunEnding? = nil,
        usageLimit: UsageLimit? = nil,
        usage: TokenUsage? = nil,
        model: String? = nil,
        permissionDenials: [String]? = nil
    ) {
        self.outcome = outcome
        self.summary = summary
        self.pullRequestURL = pullRequestURL
        self.branch = branch
        self.changedFiles = changedFiles
        self.costUSD = costUSD
        self.durationMs = durationMs
        self.turns = turns
        self.sessionID = sessionID
        self.exitStatus = exitStatus
        self.error = error
        self.transcript = transcript
        self.ending = ending
        self.usageLimit = usageLimit
        self.usage = usage
        self.model = model
        self.permissionDenials = permissionDenials
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case outcome, summary
        case pullRequestURL = "pr_url"
        case branch
        case changedFiles = "changed_files"
        case costUSD = "cost_usd"
        case durationMs = "duration_ms"
        case turns
        case sessionID = "session_id"
        case exitStatus = "exit_status"
        case error, transcript, ending
        case usageLimit = "usage_limit"
        case usage, model
        case permissionDenials = "permission_denials"
    }
}
