import Foundation
import TestSupport
import Testing

/// The real Claude Code CLI, run by an agent of a real cluster, calls the cluster's
/// `mcp__cluster__ask_agent` tool: the other agent (the real CLI too) answers, and the
/// answer reaches the first task's transcript.
///
/// Both CLIs talk to the Anthropic stand-in, which plays the turns in order: CC01 calls the
/// tool, CC02 (answering the help request) replies, CC01 finishes with the answer.
@Suite(.serialized, .timeLimit(.minutes(5)),
       .enabled(if: RealClaude.executable != nil, Comment(rawValue: RealClaude.missing)))
struct MCPRealClaudeTests {
    static let answer = "The session API listens on port 8443."

    @Test func anAgentsClaudeCodeAsksAnotherAgentThroughTheMCPTool() async throws {
        let root = try TestEnvironment.temporaryDirectory("mcp-real")
        let origin = try GitFixtures.makeOrigin(in: root)
        let standIn = try await AnthropicStandIn(turns: #"""
            [{"text": "I'll ask the backend agent.", "tool": "mcp__cluster__ask_agent",
              "input": {"specialty": "backend", "question": "Which port does the session API listen on?"}},
             {"text": "\#(Self.answer)"},
             {"text": "The backend agent says: \#(Self.answer) Nothing to change here."}]
            """#, in: root)
        defer { Task { await standIn.stop() } }
        let home = root.appendingPathComponent("home")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let ports = try (0..<2).map { _ in try TestEnvironment.freePort() }
        let config = root.appendingPathComponent("cluster.yaml").path
        let claude = try #require(RealClaude.executable)
        try """
        cluster:
          data_dir: \(root.appendingPathComponent("data").path)
        broker:
          bind: tcp://127.0.0.1:\(ports[0])
          publish: tcp://127.0.0.1:\(ports[1])
        agent_defaults:
          runner: [\(claude), -p, --output-format, stream-json, --verbose, --permission-mode, "{permission_mode}", "{claude_flags}"]
          repository: \(origin)
          pull_request_command: []
          sandbox: true
          task_timeout_s: 180
        agents:
          - {name: CC01, specialty: frontend}
          - {name: CC02, specialty: backend}
        """.write(toFile: config, atomically: true, encoding: .utf8)

        let cli = TestEnvironment.clusterExecutable
        let start = try ChildProcess(
            "cluster", executable: cli, arguments: ["start", "--config", config],
            environment: RealClaude.environment(standIn: standIn, home: home))
        defer { start.signal(SIGKILL) }
        let registered = await TestEnvironment.eventually(timeout: .seconds(30), every: .milliseconds(200)) {
            let status = try ChildProcess("status", executable: cli, arguments: ["status", "--config", config])
            _ = await status.waitForExit()
            return ["CC01", "CC02"].allSatisfy { status.text.contains($0) } && !status.text.contains("offline")
        }
        try #require(registered, "the agents did not register: \(start.text)")

        let submit = try ChildProcess("submit", executable: cli, arguments: [
            "submit", "--title", "Point the login form at the session API", "--target", "CC01", "--wait", "--config", config,
        ])
        let status = await submit.waitForExit(timeout: .seconds(200))
        #expect(status == 0, "submit --wait: \(submit.text)\ncluster: \(start.text)")
        let taskID = try #require(
            submit.text.split(separator: "\n").first { $0.hasPrefix("task ") }?.split(separator: " ").dropFirst().first.map(String.init),
            "no task id: \(submit.text)")

        // The transcript of CC01's task holds the tool call and the answer it got.
        let log = try ChildProcess("log", executable: cli, arguments: ["show", taskID, "--log", "--config", config])
        _ = await log.waitForExit()
        #expect(log.text.contains("mcp__cluster__ask_agent"), "the tool was not called: \(log.text)")
        let toolResult = log.text.split(separator: "\n").first { $0.contains("tool_result") && $0.contains("8443") }
        #expect(toolResult != nil, "the answer is not in the transcript as a tool result: \(log.text)")

        // What the stand-in saw: CC01's first turn named the cluster's tools (this CLI defers
        // MCP tools behind ToolSearch, listing their names rather than their schemas), and
        // its last turn carried CC02's answer back as the tool's result.
        let turns = standIn.turns()
        #expect(turns.count == 3, "turns: \(turns)")
        let named = turns.first?["mcp_tools"] as? [String] ?? []
        #expect(named.contains("mcp__cluster__ask_agent") && named.contains("mcp__cluster__submit_task"), "tools named: \(named)")
        let results = turns.last?["tool_results"] as? [String] ?? []
        #expect(results.contains { $0.contains(Self.answer) }, "last turn's tool results: \(results)")
    }
}
