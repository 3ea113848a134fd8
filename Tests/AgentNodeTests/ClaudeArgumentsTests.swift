import Foundation
import TestSupport
import Testing
import Wire
@testable import AgentNode

@Suite("ClaudeArguments: one place builds Claude Code's flags")
struct ClaudeArgumentsTests {
    @Test func nothingSetAddsNoFlag() {
        #expect(ClaudeArguments.flags(ClaudeSettings()).isEmpty)
        #expect(ClaudeArguments.flags(ClaudeSettings(model: " ", maxTurns: 0, maxBudgetUSD: -1, allowedTools: [""])).isEmpty)
    }

    @Test func everySettingBecomesItsFlag() {
        let settings = ClaudeSettings(
            model: "opus", fallbackModel: "sonnet", maxTurns: 30, maxBudgetUSD: 2.5,
            allowedTools: ["Bash(npm test:*)", "Edit"], disallowedTools: ["WebFetch"],
            appendSystemPrompt: "Prefer small commits.")
        #expect(ClaudeArguments.flags(settings, resumeSessionID: "abc-123") == [
            "--model", "opus", "--fallback-model", "sonnet", "--max-turns", "30", "--max-budget-usd", "2.5",
            "--allowedTools", "Bash(npm test:*),Edit", "--disallowedTools", "WebFetch",
            "--append-system-prompt", "Prefer small commits.", "--resume", "abc-123",
        ])
    }

    @Test func aTaskOverridesTheAgentAndAddsToItsSystemPrompt() {
        let agent = ClaudeSettings(model: "sonnet", maxTurns: 50, allowedTools: ["Edit"], appendSystemPrompt: "Backend.")
        let task = agent.overridden(by: ClaudeOverrides(
            model: "opus", maxBudgetUSD: 1, disallowedTools: ["Bash"], appendSystemPrompt: "Touch only docs/."))
        #expect(task.model == "opus" && task.maxTurns == 50 && task.maxBudgetUSD == 1)
        #expect(task.allowedTools == ["Edit"] && task.disallowedTools == ["Bash"])
        #expect(task.appendSystemPrompt == "Backend.\n\nTouch only docs/.")
        #expect(agent.overridden(by: nil) == agent)
    }

    @Test func specialtiesHaveDefaultSystemPrompts() {
        #expect(ClaudeSettings.defaultSystemPrompt(for: "frontend")?.contains("React") == true)
        #expect(ClaudeSettings.defaultSystemPrompt(for: "backend")?.contains("FastAPI") == true)
        #expect(ClaudeSettings.defaultSystemPrompt(for: "infra")?.contains("Kubernetes") == true)
        #expect(ClaudeSettings.defaultSystemPrompt(for: "data") == nil)
    }

    @Test func loginIsAKeyATokenOrACredentialsFile() {
        let directory = URL(fileURLWithPath: "/agents/CC01/claude")
        #expect(ClaudeLogin.problem(agent: "CC01", environment: ["ANTHROPIC_API_KEY": "k"], configDirectory: directory) { _ in false } == nil)
        #expect(ClaudeLogin.problem(agent: "CC01", environment: ["CLAUDE_CODE_OAUTH_TOKEN": "t"], configDirectory: directory) { _ in false } == nil)
        #expect(ClaudeLogin.problem(agent: "CC01", environment: [:], configDirectory: directory) {
            $0 == "/agents/CC01/claude/.credentials.json"
        } == nil)
        let problem = ClaudeLogin.problem(agent: "CC01", environment: ["ANTHROPIC_API_KEY": " "], configDirectory: directory) { _ in false }
        #expect(problem?.hasPrefix("Claude Code is not logged in for agent CC01") == true)
        #expect(problem?.contains("claude setup-token") == true)
    }

    @Test func configFolderAndSandboxReachTheRunnersEnvironment() {
        var settings = AgentSettings(
            name: "CC01", specialty: "backend", workspaceRoot: URL(fileURLWithPath: "/w"), repository: "/r",
            logsDirectory: URL(fileURLWithPath: "/l"))
        #expect(settings.claudeEnvironment.isEmpty)
        settings.claudeConfigDirectory = URL(fileURLWithPath: "/agents/CC01/claude")
        settings.sandbox = true
        #expect(settings.claudeEnvironment == ["CLAUDE_CONFIG_DIR": "/agents/CC01/claude", "IS_SANDBOX": "1"])
    }

    @Test func theDefaultRunnerGetsThePromptOnStandardInputOnly() async throws {
        var harness = try await ExecutorHarness()
        defer { harness.temp.remove() }
        let recorded = harness.temp.path("args")
        harness.settings.environment["FAKE_CLAUDE_ARGS"] = recorded.path
        harness.settings.claude = ClaudeSettings(maxTurns: 7, allowedTools: ["Edit", "Bash(git diff:*)"])
        var assignment = ExecutorHarness.assignment()
        assignment.spec.description = String(repeating: "long prompt ", count: 200 * 1024 / 12)
        let (result, _) = try await harness.run(assignment)
        #expect(result.outcome == .succeeded, "\(result.error ?? result.summary)")
        let arguments = try Data(contentsOf: recorded).split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
        #expect(arguments == [
            "-p", "--output-format", "stream-json", "--verbose", "--permission-mode", "bypassPermissions",
            "--max-turns", "7", "--allowedTools", "Edit,Bash(git diff:*)",
        ])
        // The sample runner read the title from the prompt on standard input.
        let changes = try GitFixtures.git(["show", "cc01/task-42:CHANGES-BY-AGENTS.md"], in: harness.origin)
        #expect(changes.contains("Add a health endpoint"))
    }

    @Test func aTaskOver512KiBIsRefused() {
        var spec = TaskSpec(title: "Big", description: String(repeating: "x", count: TaskSpec.maxDescriptionBytes))
        #expect(spec.sizeProblem == nil)
        spec.requirements = ["one more"]
        #expect(spec.sizeProblem?.contains("over the limit of 524288 bytes (512 KiB)") == true)
    }
}
