import Wire

/// Writes the prompt Claude Code gets for a task.
///
/// The first line after the introduction is always `Task: <title>`, which the sample
/// runner (and anyone scripting a runner) can rely on.
struct PromptBuilder: Sendable {
    var agentName: String
    var specialty: String
    /// Whether the runner's Claude Code has the cluster's MCP tools (`mcp__cluster__*`).
    var clusterTools: Bool

    /// Creates a builder for one agent.
    init(agentName: String, specialty: String, clusterTools: Bool = false) {
        self.agentName = agentName
        self.specialty = specialty
        self.clusterTools = clusterTools
    }

    /// The full prompt for one task.
    func prompt(for spec: TaskSpec, taskID: String, repository: String, branch: String? = nil) -> String {
        var lines: [String] = []
        lines.append("You are \(agentName), the \(specialty) specialist in a cluster of Claude Code agents.")
        lines.append("")
        lines.append("Task: \(oneLine(spec.title))")
        lines.append("Task ID: \(taskID)")
        lines.append("Type: \(spec.type)    Priority: \(spec.priority.rawValue)")
        lines.append("Repository: \(repository)")
        if let issue = spec.issueURL, !issue.isEmpty { lines.append("Issue: \(issue)") }
        if !spec.labels.isEmpty { lines.append("Labels: \(spec.labels.joined(separator: ", "))") }
        if let parent = spec.parent.map(oneLine), !parent.isEmpty {
            lines.append("Follows up: task \(parent); its work is already on this branch, so continue from it.")
        }
        lines.append("")
        lines.append("## Description")
        lines.append(spec.description)
        if !spec.requirements.isEmpty {
            lines.append("")
            lines.append("## Requirements")
            lines.append(contentsOf: spec.requirements.map { "- \(oneLine($0))" })
        }
        lines.append("")
        lines.append("## How to work")
        let place = branch.map { "a git worktree on branch `\($0)`" } ?? "a git worktree"
        lines.append("- You are in \(place) of the repository; make all changes here.")
        lines.append("- Do not commit, push or open a pull request: the agent does that after you finish.")
        lines.append("- Run the project's tests if it has any, and end with a `## Test Results` section saying what ran and what passed.")
        if clusterTools {
            lines += Self.clusterToolAdvice
        } else {
            lines.append("- Need help from another specialty? Ask with `claude-cluster ask --to <specialty> \"question\"` (for example `--to frontend`, `--to backend`, `--to infra`).")
            lines.append("  \(Self.askTimeoutAdvice)")
        }
        lines.append("- Finish with a short summary of what you changed and why.")
        return lines.joined(separator: "\n")
    }

    /// The Bash tool stops a command after 120 s by default, and an answer from another agent
    /// can take minutes (`claude-cluster ask` waits up to 600 s), so the prompt asks for a
    /// longer tool timeout.
    static let askTimeoutAdvice =
        "An answer can take several minutes: when you run `claude-cluster ask` with the Bash tool, pass `timeout: 600000` (10 minutes) so the tool does not stop it after its default 2 minutes."

    /// When to use the cluster's MCP tools, for a runner that has them.
    static let clusterToolAdvice = [
        "- You have the cluster's tools (`mcp__cluster__*`). When you need an answer only another specialty has (an API's shape, how a service is deployed), call `mcp__cluster__ask_agent` with `specialty` (frontend, backend, infra, ...) and a self-contained question; it waits for the answer, however long it takes.",
        "- When part of the work belongs to another specialty or can be done independently, hand it off with `mcp__cluster__submit_task` (it becomes a sub-task of this task, on its own branch) and carry on with your part; check it with `mcp__cluster__get_task`, or `mcp__cluster__wait_for_task` if you need its result. Do not hand off the task you were given as a whole.",
        "- `mcp__cluster__list_agents` shows which agents and specialties are online.",
    ]

    private func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
