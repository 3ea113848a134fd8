import Foundation

/// How an agent gives the Claude Code of each attempt the cluster's MCP tools: a
/// `--mcp-config` file that runs `claude-cluster mcp` as this agent, on this task.
///
/// Claude Code names the tools `mcp__cluster__<tool>`; `allowedTools` lets them run
/// without a permission prompt in every permission mode. Help requests the tools send name
/// the agent as their asker, and tasks they submit become sub-tasks of the attempt's task.
public struct ClusterToolsServer: Sendable, Hashable {
    /// The name the server is registered under, hence the tools' prefix.
    static let serverName = "cluster"
    /// The `--allowedTools` entry that allows every tool of the server.
    static let allowedTools = "mcp__cluster__*"

    /// The `claude-cluster` executable.
    var executable: String
    /// The broker's ROUTER endpoints, in failover order.
    var brokers: [String]
    /// The broker's PUB endpoints (live events for `wait_for_task`).
    var publishers: [String]
    /// Extra environment for the server: the agent's bus keys when CURVE is on.
    var environment: [String: String]

    /// Creates the description of the server an agent starts for its attempts.
    public init(executable: String, brokers: [String], publishers: [String], environment: [String: String] = [:]) {
        self.executable = executable
        self.brokers = brokers
        self.publishers = publishers
        self.environment = environment
    }

    /// The `--mcp-config` JSON for one attempt of `taskID` by `agent`.
    func configuration(agent: String, taskID: String) -> Data {
        var arguments = ["mcp", "--as", agent, "--task", taskID]
        for broker in brokers { arguments += ["--broker", broker] }
        for publisher in publishers { arguments += ["--subscribe", publisher] }
        let server = Server(command: executable, args: arguments, env: environment)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding strings and string lists cannot fail.
        return (try? encoder.encode(File(mcpServers: [Self.serverName: server]))) ?? Data()
    }

    private struct File: Encodable {
        var mcpServers: [String: Server]
    }

    private struct Server: Encodable {
        var type = "stdio"
        var command: String
        var args: [String]
        var env: [String: String]
    }
}

/// One attempt's `--mcp-config` file in the temporary folder, removed after the attempt.
///
/// Readable by all (0644): the runner may run as another account (`run_as`), and the file
/// holds no secret, only the program, the broker's address and the paths of the keys.
struct MCPConfigFile: Sendable {
    let url: URL

    init(_ contents: Data, directory: URL = FileManager.default.temporaryDirectory) throws {
        url = directory.appendingPathComponent("claude-cluster-mcp-\(UUID().uuidString).json")
        guard FileManager.default.createFile(atPath: url.path, contents: contents, attributes: [.posixPermissions: 0o644]) else {
            throw PromptFileError(path: url.path)
        }
    }

    /// Deletes the file; a file already gone is fine.
    func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}
