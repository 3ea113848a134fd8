@testable import AgentNode
import Foundation
import Testing
@testable import ClusterRuntime

/// An agent's Claude Code settings go from its config entry to its settings.
@Suite struct ClaudeAssemblyTests {
    @Test func settingsDefaultsAndTheConfigFolder() throws {
        let text = """
        broker: {}
        cluster: {data_dir: /srv/cluster}
        agent_defaults: {repository: /tmp/origin.git, model: sonnet, disallowed_tools: [WebFetch]}
        agents:
          - {name: CC01, specialty: frontend, max_turns: 25, max_budget_usd: 3}
          - {name: CC02, specialty: backend, append_system_prompt: "", claude_config_dir: /home/builder/.claude, sandbox: true}
          - {name: CC03, specialty: docs}
        """
        let configuration = try ConfigurationLoader.parse(text, file: "x.yaml", environment: [:])
        let agents = try configuration.agents.map { try AgentAssembly.agent($0, in: configuration, executablePath: nil).settings }
        #expect(agents[0].claude.model == "sonnet" && agents[0].claude.maxTurns == 25 && agents[0].claude.maxBudgetUSD == 3)
        #expect(agents[0].claude.disallowedTools == ["WebFetch"])
        #expect(agents[0].claude.appendSystemPrompt?.contains("React") == true)
        #expect(agents[0].claudeConfigDirectory?.path == "/srv/cluster/agents/CC01/claude")
        #expect(!agents[0].sandbox)
        // An empty appended prompt turns the specialty's off.
        #expect(ClaudeArguments.flags(agents[1].claude).contains("--append-system-prompt") == false)
        #expect(agents[1].claudeConfigDirectory?.path == "/home/builder/.claude")
        #expect(agents[1].claudeEnvironment["IS_SANDBOX"] == "1")
        #expect(agents[2].claude.appendSystemPrompt == nil)
        #expect(agents[2].claudeConfigDirectory?.path == "/srv/cluster/agents/CC03/claude")
    }
}
