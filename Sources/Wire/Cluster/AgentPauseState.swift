/// Whether an operator took an agent out of rotation (`claude-cluster agent-pause`).
///
/// A pause belongs to the agent's name, not to its connection: it holds across the agent's
/// reconnects and, because the broker journals it, across broker restarts, until
/// `agent-resume`. A paused agent keeps the tasks it is running and is sent no new work.
public enum AgentPauseState: String, Codable, Sendable, Hashable, CaseIterable {
    /// Not paused: the agent gets work as usual.
    case running
    /// Drained on request: no new work, and its running tasks have not all ended yet.
    case draining
    /// No new work; nothing of its own left running (or a plain pause, which does not
    /// wait for running tasks to say so).
    case paused

    /// True for `draining` and `paused`: the agent is sent no new work.
    public var isPaused: Bool { self != .running }
}
