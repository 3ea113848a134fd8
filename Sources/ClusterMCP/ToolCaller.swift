import Wire

/// Who is calling the cluster's tools: an agent's Claude Code during a task, or a person.
///
/// An agent's server (`claude-cluster mcp --as CC01 --task t-42`) names the agent as the
/// asker of help requests and the sender of broadcasts, and links the tasks it submits to
/// `t-42` as sub-tasks (`metadata["spawned_by"]`).
public struct ToolCaller: Sendable, Hashable {
    /// The agent's name, or `cli`/`bridge` for a person's client.
    public var name: String
    /// The task the calling agent is working on; nil outside a task.
    public var taskID: String?
    /// What tasks submitted through the tools record as their source.
    public var source: TaskSource

    /// Creates a caller.
    public init(name: String, taskID: String? = nil, source: TaskSource) {
        self.name = name
        self.taskID = taskID
        self.source = source
    }

    /// A person's Claude Code on this machine (`claude mcp add cluster -- claude-cluster mcp`).
    public static let person = ToolCaller(name: "cli", source: .cli)
    /// A remote client of the bridge's `/mcp`.
    public static let bridge = ToolCaller(name: "bridge", source: .api)

    /// An agent's Claude Code working on `taskID`.
    public static func agent(_ name: String, taskID: String?) -> ToolCaller {
        ToolCaller(name: name, taskID: taskID, source: .agent)
    }
}
