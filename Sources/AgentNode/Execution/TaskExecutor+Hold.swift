import Wire

extension TaskExecutor {
    /// Why this agent must not publish the attempt (the broker has given the task to
    /// another agent or ended it), or nil to go on.
    ///
    /// A broker that cannot be asked does not stop the push: the broker refuses a stale
    /// attempt's result anyway, and the branch is named after this agent, so it never
    /// overwrites another agent's work.
    func lostHold(_ assignment: TaskAssignment) async -> String? {
        guard let holdCheck else { return nil }
        switch await holdCheck(assignment.taskID, assignment.attempt) {
        case .held:
            return nil
        case .lost(let reason):
            logger.warning("task \(assignment.taskID) attempt \(assignment.attempt) is no longer this agent's: \(reason); not pushing")
            return reason
        case .unknown(let reason):
            logger.warning("could not ask the broker whether task \(assignment.taskID) is still this agent's (\(reason)); pushing")
            return nil
        }
    }
}
