import Testing
import Wire
@testable import AgentNode

@Suite("PromptBuilder")
struct PromptBuilderTests {
    @Test func promptCarriesEverythingAboutTheTask() {
        let spec = TaskSpec(
            title: "Add a health endpoint", description: "Expose GET /health.\nReturn 200.",
            type: "backend_development", priority: .high, requirements: ["returns JSON", "has a test"],
            labels: ["api"], issueURL: "https://github.com/acme/shop/issues/7")
        let prompt = PromptBuilder(agentName: "CC02", specialty: "backend")
            .prompt(for: spec, taskID: "T-7", repository: "https://github.com/acme/shop.git", branch: "cc02/t-7")
        let lines = prompt.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "You are CC02, the backend specialist in a cluster of Claude Code agents.")
        #expect(lines[2] == "Task: Add a health endpoint")
        for expected in [
            "Task ID: T-7", "Type: backend_development    Priority: high",
            "Repository: https://github.com/acme/shop.git", "Issue: https://github.com/acme/shop/issues/7",
            "Labels: api", "## Description", "Expose GET /health.", "Return 200.", "## Requirements",
            "- returns JSON", "- has a test",
        ] {
            #expect(lines.contains(expected), "missing line: \(expected)")
        }
        #expect(prompt.contains("branch `cc02/t-7`"))
        #expect(prompt.contains("claude-cluster ask --to <specialty> \"question\""))
        #expect(prompt.contains("## Test Results"))
        #expect(prompt.contains("pass `timeout: 600000`"), "ask outlives the Bash tool's 120 s default")
        #expect(prompt.contains("Do not commit, push or open a pull request"))
    }

    @Test func optionalPartsAreLeftOut() {
        let prompt = PromptBuilder(agentName: "CC01", specialty: "frontend")
            .prompt(for: TaskSpec(title: "Fix\nthe button", description: "It is blue."), taskID: "T", repository: "/r")
        #expect(prompt.contains("Task: Fix the button"))
        #expect(!prompt.contains("Issue:"))
        #expect(!prompt.contains("## Requirements"))
        #expect(!prompt.contains("Labels:"))
    }
}
