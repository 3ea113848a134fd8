/// The command an agent runs for a task: an argv template with `{placeholder}`s.
///
/// Placeholders (each replaced inside any argument, never in the executable):
/// `{prompt}`, `{permission_mode}`, `{task_id}`, `{attempt}`, `{title}`, `{branch}`,
/// `{worktree}`, `{agent}`, `{specialty}`.
public struct RunnerCommand: Sendable, Hashable, Codable {
    /// The executable (a name looked up on PATH, or a path) followed by its arguments.
    public var template: [String]

    /// Claude Code in print mode with streaming JSON output.
    public static let claudeCode = RunnerCommand(template: [
        "claude", "-p", "{prompt}",
        "--output-format", "stream-json", "--verbose",
        "--permission-mode", "{permission_mode}",
    ])

    /// Creates a command from an argv template.
    public init(template: [String]) {
        self.template = template
    }

    /// The executable as configured; empty when the template is empty.
    public var executable: String { template.first ?? "" }

    /// The arguments after the executable, placeholders filled in.
    public func arguments(_ values: RunnerPlaceholders) -> [String] {
        CommandTemplate.expand(Array(template.dropFirst()), values: values.dictionary)
    }
}

/// The values a runner command's placeholders stand for.
public struct RunnerPlaceholders: Sendable, Hashable {
    public var prompt: String
    public var permissionMode: String
    public var taskID: String
    public var attempt: Int
    public var title: String
    public var branch: String
    public var worktree: String
    public var agent: String
    public var specialty: String

    /// Creates the placeholder values for one attempt.
    public init(
        prompt: String, permissionMode: String, taskID: String, attempt: Int, title: String,
        branch: String, worktree: String, agent: String, specialty: String
    ) {
        self.prompt = prompt
        self.permissionMode = permissionMode
        self.taskID = taskID
        self.attempt = attempt
        self.title = title
        self.branch = branch
        self.worktree = worktree
        self.agent = agent
        self.specialty = specialty
    }

    var dictionary: [String: String] {
        [
            "prompt": prompt, "permission_mode": permissionMode, "task_id": taskID,
            "attempt": String(attempt), "title": title, "branch": branch, "worktree": worktree,
            "agent": agent, "specialty": specialty,
        ]
    }
}
