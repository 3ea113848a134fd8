import Foundation

/// What one agent needs to run tasks, from its config.
public struct AgentSettings: Sendable {
    /// The agent's name, e.g. `CC01`: in branch names, commit trailers, hook events.
    public var name: String
    /// The agent's specialty, e.g. `backend`.
    var specialty: String
    /// Holds `repos/` (shared clones) and `worktrees/` (one per task); one agent per root.
    var workspaceRoot: URL
    /// The default repository: a local path or a clone URL. A task may name another.
    var repository: String
    /// The runner command template.
    var runner: RunnerCommand
    /// Fills `{permission_mode}`; Claude Code's `--permission-mode`.
    var permissionMode: String
    /// Where hook executables live; nil runs no hooks.
    var hooksDirectory: URL?
    /// How long one hook may run before its process group is killed.
    var hookTimeout: Duration
    /// Where `<task-id>.log` transcripts are written.
    var logsDirectory: URL
    /// The runner's time limit when an assignment gives none.
    var taskTimeoutDefault: Duration
    /// The longest this agent lets a runner go, whatever the assignment allows
    /// (`agents[].task_timeout_s`); nil leaves the assignment's limit alone.
    var taskTimeoutLimit: Duration?
    /// Time between SIGTERM and SIGKILL when a process group is stopped.
    var killGracePeriod: Duration
    /// Time limit for each git command (clone, fetch, push) and the pull-request command.
    var gitTimeout: Duration
    /// When the agent runs as root: the unprivileged account to run the runner as.
    var runAsUser: String?
    /// Committer name for the agent's commits.
    var gitUserName: String
    /// Committer email for the agent's commits.
    var gitUserEmail: String
    /// Opens the pull request; see `PullRequestCommand`. Empty: push only.
    var pullRequestCommand: [String]
    /// False: commit on the local branch and keep it, but neither push nor open a pull request.
    var pushEnabled: Bool
    /// Extra environment for the runner, git, the pull-request command and hooks.
    var environment: [String: String]
    /// Bytes of the runner's output kept in the result's transcript.
    var transcriptTailBytes: Int
    /// The account the runner's credential belongs to, told to the broker at READY:
    /// agents of one account are paused together when it hits a usage limit. Nil: the
    /// agent's own account.
    public var account: String?
    /// Claude Code's settings for this agent; a task's `claude` overrides apply on top.
    var claude: ClaudeSettings
    /// Claude Code's own folder (`CLAUDE_CONFIG_DIR`: settings, sessions, credentials) for this
    /// agent, so agents sharing one OS account never share one; nil keeps Claude Code's default.
    var claudeConfigDirectory: URL?
    /// Sets `IS_SANDBOX=1` for the runner: Claude Code then allows bypassPermissions as root,
    /// for agents that run as root inside a container.
    var sandbox: Bool
    /// Limits enforced on each runner (`on_resource_limit: stop_task`); nil enforces none
    /// (limits then only alert, through the agent's heartbeat load).
    public var runnerLimits: RunnerLimits?
    /// The cluster's MCP tools for the runner's Claude Code (`--mcp-config`, through
    /// `{claude_flags}`); nil gives the runner none.
    public var clusterTools: ClusterToolsServer?

    /// Creates settings; everything but the identity and places has a default.
    public init(
        name: String,
        specialty: String,
        workspaceRoot: URL,
        repository: String,
        runner: RunnerCommand = .claudeCode,
        permissionMode: String = "bypassPermissions",
        hooksDirectory: URL? = nil,
        hookTimeout: Duration = .seconds(10),
        logsDirectory: URL,
        taskTimeoutDefault: Duration = .seconds(3600),
        taskTimeoutLimit: Duration? = nil,
        killGracePeriod: Duration = .seconds(5),
        gitTimeout: Duration = .seconds(300),
        runAsUser: String? = nil,
        gitUserName: String = "Claude Code Cluster",
        gitUserEmail: String = "cluster@localhost",
        pullRequestCommand: [String] = PullRequestCommand.defaultTemplate,
        pushEnabled: Bool = true,
        environment: [String: String] = [:],
        transcriptTailBytes: Int = 2 << 20,
        claude: ClaudeSettings = ClaudeSettings(),
        claudeConfigDirectory: URL? = nil,
        sandbox: Bool = false
    ) {
        self.name = name
        self.specialty = specialty
        self.workspaceRoot = workspaceRoot
        self.repository = repository
        self.runner = runner
        self.permissionMode = permissionMode
        self.hooksDirectory = hooksDirectory
        self.hookTimeout = hookTimeout
        self.logsDirectory = logsDirectory
        self.taskTimeoutDefault = taskTimeoutDefault
        self.taskTimeoutLimit = taskTimeoutLimit
        self.killGracePeriod = killGracePeriod
        self.gitTimeout = gitTimeout
        self.runAsUser = runAsUser
        self.gitUserName = gitUserName
        self.gitUserEmail = gitUserEmail
        self.pullRequestCommand = pullRequestCommand
        self.pushEnabled = pushEnabled
        self.environment = environment
        self.transcriptTailBytes = transcriptTailBytes
        self.claude = claude
        self.claudeConfigDirectory = claudeConfigDirectory
        self.sandbox = sandbox
    }

    /// What the runner's environment adds for Claude Code: its config folder and the sandbox flag.
    var claudeEnvironment: [String: String] {
        var environment: [String: String] = [:]
        if let claudeConfigDirectory { environment["CLAUDE_CONFIG_DIR"] = claudeConfigDirectory.path }
        if sandbox { environment["IS_SANDBOX"] = "1" }
        return environment
    }
}
