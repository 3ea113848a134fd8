import AgentNode
import Foundation

/// What `claude-cluster config check` says about each agent's hooks folder: a configured
/// folder that is missing (the agent would not start), and files no event will run.
public enum HookFolderCheck {
    /// One warning per problem, naming the agent; empty when all is well.
    public static func warnings(for configuration: ClusterConfiguration) -> [String] {
        configuration.agents.flatMap { entry -> [String] in
            let name = entry.merged(over: configuration.agentDefaults).name ?? "agent"
            let folder = configuration.hooksFolder(of: entry)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory) else {
                return folder.isDefault ? [] : ["agent \(name): hooks_dir \(folder.path) does not exist; the agent will not start until it does"]
            }
            guard isDirectory.boolValue else { return ["agent \(name): hooks_dir \(folder.path) is not a directory"] }
            return HookFolder.unmatchedWarning(for: URL(fileURLWithPath: folder.path)).map { ["agent \(name): \($0)"] } ?? []
        }
    }
}
