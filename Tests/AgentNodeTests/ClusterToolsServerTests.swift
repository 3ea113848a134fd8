@testable import AgentNode
import Foundation
import Testing
import Wire

/// The cluster's MCP tools as an attempt's Claude Code gets them: the generated
/// `--mcp-config`, the allowed tools, and the prompt's advice.
@Suite struct ClusterToolsServerTests {
    let server = ClusterToolsServer(
        executable: "/opt/cluster/bin/claude-cluster", brokers: ["tcp://10.0.0.1:5555", "tcp://10.0.0.2:5555"],
        publishers: ["tcp://10.0.0.1:5556"], environment: ["CLUSTER_CURVE_KEY_NAME": "CC01"])

    @Test func theConfigRunsClaudeClusterMCPAsTheAgentOnTheTask() throws {
        let json = try #require(try JSONSerialization.jsonObject(with: server.configuration(agent: "CC01", taskID: "t-42")) as? [String: Any])
        let servers = try #require(json["mcpServers"] as? [String: Any])
        let cluster = try #require(servers["cluster"] as? [String: Any])
        #expect(cluster["type"] as? String == "stdio")
        #expect(cluster["command"] as? String == "/opt/cluster/bin/claude-cluster")
        #expect(cluster["args"] as? [String] == [
            "mcp", "--as", "CC01", "--task", "t-42",
            "--broker", "tcp://10.0.0.1:5555", "--broker", "tcp://10.0.0.2:5555", "--subscribe", "tcp://10.0.0.1:5556",
        ])
        #expect(cluster["env"] as? [String: String] == ["CLUSTER_CURVE_KEY_NAME": "CC01"])
    }

    @Test func theFlagsLoadTheConfigAndAllowTheTools() {
        let bare = ClaudeArguments.flags(ClaudeSettings(), clusterToolsConfig: "/tmp/mcp.json")
        #expect(bare == ["--allowedTools", "mcp__cluster__*", "--mcp-config", "/tmp/mcp.json"])
        let listed = ClaudeArguments.flags(ClaudeSettings(allowedTools: ["Read", "Bash(git:*)"]), resumeSessionID: "s-1", clusterToolsConfig: "/tmp/mcp.json")
        #expect(listed == ["--allowedTools", "Read,Bash(git:*),mcp__cluster__*", "--resume", "s-1", "--mcp-config", "/tmp/mcp.json"])
        #expect(!ClaudeArguments.flags(ClaudeSettings()).contains("--mcp-config"))
    }

    @Test func thePromptSaysWhenToAskAndWhenToHandOff() {
        let spec = TaskSpec(title: "Build the login page", description: "A form")
        let withTools = PromptBuilder(agentName: "CC01", specialty: "frontend", clusterTools: true)
            .prompt(for: spec, taskID: "t-1", repository: "/repo")
        #expect(withTools.contains("mcp__cluster__ask_agent"))
        #expect(withTools.contains("mcp__cluster__submit_task"))
        #expect(!withTools.contains("claude-cluster ask --to"))
        let without = PromptBuilder(agentName: "CC01", specialty: "frontend").prompt(for: spec, taskID: "t-1", repository: "/repo")
        #expect(without.contains("claude-cluster ask --to"))
        #expect(!without.contains("mcp__cluster__"))
    }
}
