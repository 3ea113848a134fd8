import Foundation

extension ClusterConfiguration {
    /// An agent's hooks folder and whether it is the default one.
    public struct HooksFolder: Sendable, Equatable {
        /// The folder, with `~` expanded.
        public var path: String
        /// True for `<data_dir>/agents/<NAME>/hooks`, which the agent creates at start; a
        /// configured `hooks_dir` must exist already.
        public var isDefault: Bool
    }

    /// The hooks folder of `entry` (over `agent_defaults`): its `hooks_dir`, else
    /// `<data_dir>/agents/<NAME>/hooks`.
    public func hooksFolder(of entry: AgentSection) -> HooksFolder {
        let merged = entry.merged(over: agentDefaults)
        if let configured = merged.hooksDir {
            return HooksFolder(path: Self.expandingTilde(configured), isDefault: false)
        }
        let agentDirectory = LogLayout(dataDirectory: dataDirectory).agentDirectory(merged.name ?? "agent")
        return HooksFolder(path: "\(agentDirectory)/hooks", isDefault: true)
    }
}
