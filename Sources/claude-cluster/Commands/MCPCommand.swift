import ArgumentParser
import ClusterMCP
import ClusterRuntime
import Foundation
import Logging
import Wire

/// `claude-cluster mcp`: the cluster's tools as an MCP server on standard input/output.
///
/// A person adds it to their Claude Code (`claude mcp add cluster -- claude-cluster mcp
/// --broker tcp://host:5555`); an agent hands it to the Claude Code of each attempt through
/// `--mcp-config`, as itself (`--as CC01 --task t-42`), so its help requests and sub-tasks
/// name it and the task. Logs go to standard error: standard output is the protocol.
struct MCPCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mcp", abstract: "Serve the cluster's tools to Claude Code over MCP (stdio).")

    @Option(name: .customLong("as"), help: "Act as this agent (default $CLUSTER_AGENT; else a person, 'cli').")
    var agent: String?
    @Option(name: .customLong("task"), help: "The task the agent works on; tasks submitted become its sub-tasks (default $CLUSTER_TASK_ID).")
    var taskID: String?
    @OptionGroup var connection: ConnectionOptions

    /// Who the server calls the cluster as, from the flags and then the environment.
    static func caller(agent: String?, taskID: String?, environment: [String: String]) -> ToolCaller {
        let name = agent ?? environment["CLUSTER_AGENT"].flatMap { $0.isEmpty ? nil : $0 }
        guard let name else { return .person }
        return .agent(name, taskID: taskID ?? environment["CLUSTER_TASK_ID"].flatMap { $0.isEmpty ? nil : $0 })
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let connection = connection.withRunnerBroker(environment)
        var logger = Logger(label: "claude-cluster.mcp") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = .warning
        try await runReporting {
            let client = try connection.makeRunnerClient(environment)
            defer { client.close() }
            let toolbox = ClusterToolbox(client: client, caller: Self.caller(agent: agent, taskID: taskID, environment: environment))
            try await ClusterMCPServer.serveStandardIO(toolbox: toolbox, logger: logger)
        }
    }
}
