/// The cluster's MCP tools, by the names a model calls them.
public enum ClusterToolName: String, Sendable, CaseIterable {
    case submitTask = "submit_task"
    case getTask = "get_task"
    case waitForTask = "wait_for_task"
    case listTasks = "list_tasks"
    case cancelTask = "cancel_task"
    case listAgents = "list_agents"
    case askAgent = "ask_agent"
    case broadcast = "broadcast"
}
