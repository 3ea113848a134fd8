/// Following a task until it ends: what `claude-cluster submit --wait`, `wait` and the MCP
/// `wait_for_task` tool share.
extension ClusterClient {
    /// Follows task `id` until it reaches a terminal state or `limit` passes, handing each
    /// live event to `onEvent`. Returns the last record seen, terminal or not.
    ///
    /// Events come from the broker's PUB socket, which may drop messages, so the task is
    /// also read every `pollInterval`: the wait always ends, with or without events.
    public func follow(
        _ id: String,
        initial: TaskRecord,
        limit: Duration? = nil,
        pollInterval: Duration = .seconds(2),
        onEvent: @escaping @Sendable (ClusterEvent) async -> Void = { _ in }
    ) async throws -> TaskRecord {
        if initial.state.isTerminal { return initial }
        let events = taskEvents(id: id)
        return try await withThrowingTaskGroup(of: TaskRecord?.self) { group in
            group.addTask {
                for await event in events {
                    await onEvent(event)
                    if case .taskState(let record, _) = event.payload, record.state.isTerminal { return record }
                }
                return nil
            }
            group.addTask {
                while !Task.isCancelled {
                    try await Task.sleep(for: pollInterval)
                    if let detail = try await self.task(id: id), detail.task.state.isTerminal { return detail.task }
                }
                return nil
            }
            if let limit {
                group.addTask {
                    try await Task.sleep(for: limit)
                    return try await self.task(id: id)?.task ?? initial
                }
            }
            var latest = initial
            while let finished = try await group.next() {
                if let finished {
                    latest = finished
                    break
                }
            }
            group.cancelAll()
            return latest
        }
    }
}
