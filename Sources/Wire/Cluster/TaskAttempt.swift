import Foundation

/// One finished attempt of a task as the broker booked it: who ran it, how it ended, what
/// it cost and which runner session it was. Part of `mmi.task.get`'s answer.
public struct TaskAttempt: Codable, Sendable, Hashable {
    /// The attempt's number (the first is 1).
    public var attempt: Int
    /// The agent that ran it.
    public var agent: String?
    /// How it ended.
    public var outcome: TaskResult.Outcome
    /// What the runner reported it cost, in US dollars.
    public var costUSD: Double?
    /// The tokens it used.
    public var usage: TokenUsage?
    /// The runner's turns.
    public var turns: Int?
    /// How long the runner took, in milliseconds.
    public var durationMs: Int?
    /// The model the runner used.
    public var model: String?
    /// The runner's session.
    public var sessionID: String?
    /// The branch it published, when it did.
    public var branch: String?
    /// When the broker recorded its end.
    public var endedAt: Date

    /// Creates an attempt summary.
    public init(
        attempt: Int, agent: String?, outcome: TaskResult.Outcome, costUSD: Double? = nil, usage: TokenUsage? = nil,
        turns: Int? = nil, durationMs: Int? = nil, model: String? = nil, sessionID: String? = nil,
        branch: String? = nil, endedAt: Date
    ) {
        self.attempt = attempt
        self.agent = agent
        self.outcome = outcome
        self.costUSD = costUSD
        self.usage = usage
        self.turns = turns
        self.durationMs = durationMs
        self.model = model
        self.sessionID = sessionID
        self.branch = branch
        self.endedAt = endedAt
    }

    enum CodingKeys: String, CodingKey {
        case attempt, agent, outcome
        case costUSD = "cost_usd"
        case usage, turns
        case durationMs = "duration_ms"
        case model
        case sessionID = "session_id"
        case branch
        case endedAt = "ended_at"
    }
}
