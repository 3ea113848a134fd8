/// What an agent reports when an attempt ends.
public struct TaskResult: Codable, Sendable, Hashable {
    /// How the attempt ended, from the agent's side.
    public enum Outcome: String, Codable, Sendable, Hashable {
        case succeeded, failed, timedOut = "timed_out", cancelled
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
        transcript: String? = nil
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
    }

    enum CodingKeys: String, CodingKey {
        case outcome, summary
        case pullRequestURL = "pr_url"
        case branch
        case changedFiles = "changed_files"
        case costUSD = "cost_usd"
        case durationMs = "duration_ms"
        case turns
        case sessionID = "session_id"
        case exitStatus = "exit_status"
        case error, transcript
    }
}
