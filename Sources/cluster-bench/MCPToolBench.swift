import ClusterMCP
import Foundation
import MCP
import SystemPackage
import Wire

/// Part 7: what a cluster tool call costs over a plain bus call. `get_task` on one task,
/// three ways in the same run against one broker: `ClusterClient.task(id:)` directly; the
/// MCP tool through the SDK in this process (client and server joined in memory); and the
/// MCP tool through `claude-cluster mcp` over stdio, the way Claude Code calls it.
struct MCPToolBench {
    var calls: Int
    var clusterBinary: String

    func run(report: BenchReport) async throws {
        report.heading("7. MCP tool call overhead (get_task)")
        let broker = try LocalBroker.start(label: "mcp")
        let client = try broker.client()
        let server = try StdioServerProcess(executable: clusterBinary, arguments: ["mcp", "--broker", broker.routerEndpoint])
        try await withAsyncCleanup {
            // A target nobody serves keeps the task queued: every call reads the same record.
            let record = try await client.submit(TaskSpec(title: "MCP bench task", description: "read, never run", target: "mcp-bench-nobody"))
            let arguments: [String: Value] = ["task_id": .string(record.id)]

            let (memoryClient, memoryServer) = try await Self.inMemoryPair(client: client)
            let stdioClient = Client(name: "cluster-bench", version: ClusterVersion.current)
            _ = try await stdioClient.connect(transport: server.transport)

            var direct: [Duration] = []
            var inMemory: [Duration] = []
            var stdio: [Duration] = []
            let clock = ContinuousClock()
            // Warm-up, then rounds that take turns so drift hits all three alike.
            for round in 0..<(calls + 50) {
                let measured = round >= 50
                var start = clock.now
                guard try await client.task(id: record.id) != nil else { throw BenchError.setup("the bench task vanished") }
                if measured { direct.append(clock.now - start) }
                start = clock.now
                let viaMemory = try await memoryClient.callTool(name: "get_task", arguments: arguments)
                if measured { inMemory.append(clock.now - start) }
                start = clock.now
                let viaStdio = try await stdioClient.callTool(name: "get_task", arguments: arguments)
                if measured { stdio.append(clock.now - start) }
                if viaMemory.isError == true || viaStdio.isError == true {
                    throw BenchError.setup("get_task answered a tool error: \(viaStdio.content)")
                }
            }
            await stdioClient.disconnect()
            await memoryClient.disconnect()
            await memoryServer.stop()
            guard let plain = Percentiles(direct), let memory = Percentiles(inMemory), let piped = Percentiles(stdio) else { return }
            report.figure("ClusterClient.task(id:)", plain.summary)
            report.figure("MCP get_task, SDK in process", memory.summary)
            report.figure("MCP get_task, claude-cluster mcp over stdio", piped.summary)
            let ratio = Double(piped.p50.nanoseconds) / Double(max(1, plain.p50.nanoseconds))
            report.figure("stdio tool call vs plain call (p50)", String(format: "%.2f×, +%@", ratio, (piped.p50 - plain.p50).readable))
        } cleanup: {
            server.stop()
            client.close()
            await broker.stop()
        }
    }

    /// An SDK client and a cluster MCP server joined by the SDK's in-memory transport.
    static func inMemoryPair(client: ClusterClient) async throws -> (Client, Server) {
        let (clientSide, serverSide) = await InMemoryTransport.createConnectedPair()
        let server = await ClusterMCPServer.make(toolbox: ClusterToolbox(client: client, caller: .person))
        try await server.start(transport: serverSide)
        let mcpClient = Client(name: "cluster-bench", version: ClusterVersion.current)
        _ = try await mcpClient.connect(transport: clientSide)
        return (mcpClient, server)
    }
}

/// `claude-cluster mcp` as a child process, its standard input and output as an SDK
/// stdio transport.
final class StdioServerProcess: Sendable {
    private let process: Process
    let transport: StdioTransport

    init(executable: String, arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let toServer = Pipe()
        let fromServer = Pipe()
        process.standardInput = toServer
        process.standardOutput = fromServer
        process.standardError = FileHandle.nullDevice
        try process.run()
        self.process = process
        transport = StdioTransport(
            input: FileDescriptor(rawValue: fromServer.fileHandleForReading.fileDescriptor),
            output: FileDescriptor(rawValue: toServer.fileHandleForWriting.fileDescriptor))
    }

    func stop() {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }
}

extension Duration {
    /// The whole duration in nanoseconds.
    var nanoseconds: Int64 {
        components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000
    }
}
