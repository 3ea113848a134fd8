import Foundation

/// An operator's pause of one agent (`mmi.agent.pause`): the agent keeps its running
/// tasks and is sent no new work until `mmi.agent.resume`.
///
/// Kept by the agent's lowercased name, so it holds while the agent reconnects, and
/// journaled (`agent_pauses`), so it holds across a broker restart.
struct OperatorPause: Sendable, Hashable {
    /// The agent's name as the broker knew it when it was paused.
    var agent: String
    /// A drain: reported `draining` while the agent still runs work, then `paused`.
    var drain: Bool
    /// When the agent was first paused (a second pause keeps the first time).
    var since: Date
}
