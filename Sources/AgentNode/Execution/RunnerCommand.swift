/// The command an agent runs for a task: an argv template with `{placeholder}`s.
///
/// Placeholders (each replaced inside any argument, never in the executable):
/// `{prompt}`, `{permission_mode}`, `{task_id}`, `{attempt}`, `{title}`, `{branch}`,
/// `{worktree}`, `{agent}`, `{specialty}`. An argument that is exactly `{claude_flags}`
/// becomes the attempt's Claude Code flags (`ClaudeArguments`), zero or more arguments.
///
/// The prompt always goes to the runner on standard input too; the default template reads
/// it from there only, since one argument of 128 KiB or more cannot be passed at all.
public struct RunnerCommand: Sendable, Hashable, Codable {
    /// The executable (a name looked up on PATH, or a path) followed by its arguments.
    var template: [String]

    /// Claude Code in print mode with streaming JSON output.
    public static let claudeCode = RunnerCommand(template: [
        "claude", "-p",
        "--output-format", "stream-json", "--verbose",
        "--permission-mode", "{permission_mode}",
        claudeFlagsPlaceholder,
    ])

    /// The whole argument that stands for the attempt's Claude Code flags.
    static let claudeFlagsPlaceholder = "{claude_flags}"

    /// Creates a command from an argv template.
    public init(template: [String]) {
        self.template = template
    }

    /// The executable as configured; empty when the template is empty.
    var executable: String { template.first ?? "" }

    /// The arguments after the executable, placeholders filled in.
    func arguments(_ values: RunnerPlaceholders, claudeFlags: [String] = []) -> [String] {
        let dictionary = values.dictionary
        return template.dropFirst().flatMap { argument in
            argument == Self.claudeFlagsPlaceholder
                ? claudeFlags : [CommandTemplate.expand(argument, values: dictionary)]
        }
    }
}

/// The values a runner command's placeholders stand for.
struct RunnerPlaceholders: Sendable, Hashable {
    var prompt: String
    var permissionMode: String
    var taskID: String
    var attempt: Int
    var title: String
    var branch: String
    var worktree: String
    var agent: String
    var specialty: String

    /// Creates the placeholder values for one attempt.
    init(
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
