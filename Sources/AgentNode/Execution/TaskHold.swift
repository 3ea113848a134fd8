import Wire

/// Whether this agent still holds a task's attempt, as the broker sees it: asked before the
/// agent pushes, so work the broker has given to another agent is never published twice.
enum TaskHold: Sendable, Hashable {
    /// The broker has this attempt running on this agent.
    case held
    /// The broker has moved on; the text says how.
    case lost(String)
    /// The broker could not be asked; the text says why.
    case unknown(String)

    /// The hold a task record shows for `agent`'s `attempt`. Pure.
    static func judge(_ record: TaskRecord?, agent: String, attempt: Int) -> TaskHold {
        guard let record else { return .lost("the broker no longer knows the task") }
        guard record.state == .assigned || record.state == .running else {
            return .lost("the task is \(record.state.rawValue) at the broker")
        }
        guard record.attempts == attempt else {
            return .lost("the broker has moved the task on to attempt \(record.attempts)")
        }
        guard record.agent == nil || record.agent == agent else {
            return .lost("the broker gave the task to \(record.agent ?? "another agent")")
        }
        return .held
    }
}

/// Asks the broker whether an attempt is still this agent's.
typealias TaskHoldCheck = @Sendable (_ taskID: String, _ attempt: Int) async -> TaskHold
