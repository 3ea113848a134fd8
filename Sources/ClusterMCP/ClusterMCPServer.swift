import Logging
import MCP
import Wire

/// An MCP server offering the cluster's tools, over any of the SDK's transports.
///
/// The SDK does the protocol (initialize, JSON-RPC, capabilities); this type only
/// registers `tools/list` and `tools/call` and turns a caller's progress token into
/// progress notifications.
public enum ClusterMCPServer {
    /// The server name clients see; Claude Code prefixes the tools with the name the
    /// server is registered under (`mcp__cluster__ask_agent`).
    public static let name = "claude-code-cluster"

    /// What the server tells a client about itself at initialize.
    public static let instructions = """
    Tools of a Claude Code Cluster: several Claude Code agents, each a specialist (frontend, \
    backend, infra, ...), behind one router. Use ask_agent for a question another specialty can \
    answer, submit_task to hand off work that belongs to another specialty or can run on its own \
    (then get_task or wait_for_task), list_agents to see who is there.
    """

    /// A server with the tools registered, not yet started.
    public static func make(toolbox: ClusterToolbox) async -> Server {
        let server = Server(
            name: name, version: ClusterVersion.current, title: "Claude Code Cluster",
            instructions: instructions, capabilities: .init(tools: .init(listChanged: false)))
        await server.withMethodHandler(ListTools.self) { _ in
            ListTools.Result(tools: ClusterToolCatalog.tools)
        }
        await server.withMethodHandler(CallTool.self) { [weak server] parameters in
            let progress = progressReporter(token: parameters._meta?.progressToken, server: server)
            return await toolbox.call(parameters.name, arguments: parameters.arguments, progress: progress)
        }
        return server
    }

    /// Serves the tools on standard input and output until the client closes them.
    public static func serveStandardIO(toolbox: ClusterToolbox, logger: Logger) async throws {
        let server = await make(toolbox: toolbox)
        try await server.start(transport: StdioTransport(logger: logger))
        await server.waitUntilCompleted()
        await server.stop()
    }

    private static func progressReporter(token: ProgressToken?, server: Server?) -> ToolProgress {
        guard let token, let server else { return .silent }
        return ToolProgress { [weak server] step, message in
            try? await server?.notify(ProgressNotification.message(.init(progressToken: token, progress: step, message: message)))
        }
    }
}
