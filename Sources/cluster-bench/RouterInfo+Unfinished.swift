import Wire

extension RouterInfo {
    /// Tasks in a non-terminal state (the broker's `tasks_by_state` counts only the tasks it
    /// still holds, so this is what tells that a run has finished).
    var unfinishedTasks: Int {
        tasksByState.filter { !(TaskState(rawValue: $0.key)?.isTerminal ?? false) }.values.reduce(0, +)
    }
}
