import Foundation
import Wire

/// What one finished attempt of a task cost and which runner session it was: the journal
/// keeps one per attempt, so a task's spending and its resumable sessions can be read back.
@dynamicMemberLookup
struct AttemptRecord: Sendable, Hashable {
    /// The task the attempt belongs to.
    var taskID: String
    /// The attempt as `mmi.task.get` reports it; its fields read through this record.
    var summary: TaskAttempt

    subscript<Value>(dynamicMember keyPath: WritableKeyPath<TaskAttempt, Value>) -> Value {
        get { summary[keyPath: keyPath] }
        set { summary[keyPath: keyPath] = newValue }
    }

    /// A record of one attempt.
    init(
        taskID: String, attempt: Int, agent: String?, outcome: TaskResult.Outcome, costUSD: Double? = nil,
        usage: TokenUsage? = nil, turns: Int? = nil, durationMs: Int? = nil, model: String? = nil,
        sessionID: String? = nil, branch: String? = nil, endedAt: Date
    ) {
        self.taskID = taskID
        summary = TaskAttempt(
            attempt: attempt, agent: agent, outcome: outcome, costUSD: costUSD, usage: usage, turns: turns,
            durationMs: durationMs, model: model, sessionID: sessionID, branch: branch, endedAt: endedAt)
    }

    /// The record of an attempt that ended with `result`; nil when the result carries
    /// nothing a runner reports (a task cancelled before it ran, an agent lost mid-run).
    init?(taskID: String, attempt: Int, agent: String?, result: TaskResult, endedAt: Date) {
        guard result.costUSD != nil || result.usage != nil || result.sessionID != nil || result.turns != nil
            || result.durationMs != nil || result.model != nil
        else { return nil }
        self.init(
            taskID: taskID, attempt: attempt, agent: agent, outcome: result.outcome, costUSD: result.costUSD,
            usage: result.usage, turns: result.turns, durationMs: result.durationMs, model: result.model,
            sessionID: result.sessionID, branch: result.branch, endedAt: endedAt)
    }
}
