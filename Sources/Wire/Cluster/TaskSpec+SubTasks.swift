/// Sub-tasks: work one task hands to the cluster while it runs (the MCP `submit_task` tool
/// inside an agent's Claude Code).
///
/// A sub-task is linked to the task that spawned it by `metadata["spawned_by"]`, not by
/// `parent`: `parent` means a follow-up that continues the parent's branch and pull
/// request, while a sub-task is independent work on its own branch.
extension TaskSpec {
    /// The metadata key naming the task that spawned this one.
    public static let spawnedByKey = "spawned_by"
    /// The metadata key naming the agent (or client) that submitted a sub-task.
    public static let submittedByKey = "submitted_by"

    /// The task that spawned this one, if it is a sub-task.
    public var spawnedBy: String? {
        get { metadata[Self.spawnedByKey] }
        set { metadata[Self.spawnedByKey] = newValue }
    }
}

extension ClusterClient {
    /// The sub-tasks of task `id` (`spawned_by` = `id`) among the newest `scanLimit`
    /// tasks, newest first. The broker has no index on metadata, so this reads pages of
    /// the task list; sub-tasks are submitted after their parent, so the newest tasks are
    /// where they are.
    public func subTasks(of id: String, scanLimit: Int = 1000) async throws(BusClientError) -> [TaskRecord] {
        var found: [TaskRecord] = []
        var cursor: String?
        var scanned = 0
        repeat {
            let page = try await listTasks(TaskListQuery(limit: 200, cursor: cursor))
            found += page.tasks.filter { $0.spec.spawnedBy == id }
            scanned += page.tasks.count
            cursor = page.nextCursor
            // Past the parent: every task further down is older than it, so none is its sub-task.
            if page.tasks.contains(where: { $0.id == id }) { break }
        } while cursor != nil && scanned < scanLimit
        return found
    }
}
