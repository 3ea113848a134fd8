import Foundation
import Wire

/// What one finished attempt of a task cost and which runner session it was: the journal
/// keeps one per attempt, so a task's spending and its resumable sessions can be read back.
public struct AttemptRecord: Sendable, Hashable {
    /// The task the attempt belongs to.
    public var taskID: String
    /// The attempt's number (the first is 1).
    public var attempt: Int
    /// The agent that ran it, when known.
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
    /// The runner's session, which a later attempt can resume.
    public var sessionID: String?
    /// The branch the attempt published, when it did.
    public var branch: String?
    /// When the broker recorded the attempt's end.
    public var endedAt: Date

    /// A record of one attempt.
    public init(
        taskID: String, attempt: Int, agent: String?, outcome: TaskResult.Outcome, costUSD: Double? = nil,
        usage: TokenUsage? = nil, turns: Int? = nil, durationMs: Int? = nil, model: String? = nil,
        sessionID: String? = nil, branch: String? = nil, endedAt: Date
    ) {
        self.taskID = taskID
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

    /// The attempt as `mmi.task.get` reports it.
    public var summary: TaskAttempt {
        TaskAttempt(
            attempt: attempt, agent: agent, outcome: outcome, costUSD: costUSD, usage: usage, turns: turns,
            durationMs: durationMs, model: model, sessionID: sessionID, branch: branch, endedAt: endedAt)
    }

    /// The record of an attempt that ended with `result`; nil when the result carries
    /// nothing a runner reports (a task cancelled before it ran, an agent lost mid-run).
    public init?(taskID: String, attempt: Int, agent: String?, result: TaskResult, endedAt: Date) {
        guard result.costUSD != nil || result.usage != nil || result.sessionID != nil || result.turns != nil
            || result.durationMs != nil || result.model != nil
        else { return nil }
        self.init(
            taskID: taskID, attempt: attempt, agent: agent, outcome: result.outcome, costUSD: result.costUSD,
            usage: result.usage, turns: result.turns, durationMs: result.durationMs, model: result.model,
            sessionID: result.sessionID, branch: result.branch, endedAt: endedAt)
    }
}
