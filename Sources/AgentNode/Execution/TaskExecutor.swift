import Foundation
import Logging
import Wire

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Runs tasks for one agent: worktree, runner, commit, push, pull request, hooks.
///
/// The connection to the broker calls `prepare()` once and `execute(_:progress:)` per
/// assignment; several `execute` calls may run at once (one worktree each).
final class TaskExecutor: Sendable {
    let settings: AgentSettings
    /// The agent's hooks, also for events outside tasks (messages, GitHub, limits).
    let hooks: HookRunner?
    /// The account the runner runs as, when the agent is root and `runAsUser` is set.
    let runnerIdentity: RunnerIdentity?
    let logger: Logger
    let workspace: GitWorkspace
    let runner: TaskRunner
    let prompts: PromptBuilder
    let now: @Sendable () -> Date
    /// Asked before a push; nil pushes without asking (an executor with no broker).
    let holdCheck: TaskHoldCheck?

    /// Checks the settings (hooks directory, run-as user) and creates the executor.
    init(
        settings: AgentSettings, logger: Logger, now: @escaping @Sendable () -> Date = { Date() },
        holdCheck: TaskHoldCheck? = nil
    ) throws {
        var logger = logger
        logger[metadataKey: "agent"] = "\(settings.name)"
        switch try RunAsDecision.decide(
            runAsUser: settings.runAsUser, effectiveUID: geteuid(), lookUp: RunnerIdentity.lookUp)
        {
        case .currentUser:
            runnerIdentity = nil
        case .switchTo(let identity):
            runnerIdentity = identity
        case .ignored(let reason):
            logger.warning("\(reason)")
            runnerIdentity = nil
        }
        hooks = try settings.hooksDirectory.map { directory throws(HookDirectoryError) in
            try HookRunner(
                directory: directory, agent: settings.name, specialty: settings.specialty,
                timeout: settings.hookTimeout, environment: settings.environment, logger: logger)
        }
        self.settings = settings
        self.logger = logger
        self.now = now
        self.holdCheck = holdCheck
        self.workspace = GitWorkspace(
            root: settings.workspaceRoot,
            environment: settings.environment,
            gitTimeout: settings.gitTimeout,
            killGrace: settings.killGracePeriod,
            trustAllDirectories: runnerIdentity != nil
        )
        self.runner = TaskRunner(transcriptTailBytes: settings.transcriptTailBytes)
        self.prompts = PromptBuilder(agentName: settings.name, specialty: settings.specialty, clusterTools: settings.clusterTools != nil)
    }

    /// Stops runners an earlier life of this agent left running, creates the logs folder,
    /// clones or fetches the repository, and clears stale worktrees.
    func prepare() async throws {
        await stopLeftoverRuns()
        try FileSystem.createDirectory(settings.logsDirectory)
        if let directory = settings.claudeConfigDirectory {
            try FileSystem.createDirectory(directory)
            if let identity = runnerIdentity { try FileSystem.transferOwnership(of: directory, to: identity) }
        }
        try await workspace.prepare(repository: settings.repository)
        if geteuid() == 0, runnerIdentity == nil, !settings.sandbox, settings.runner.executable == "claude",
            settings.permissionMode == "bypassPermissions"
        {
            logger.warning(
                "the agent runs as root without run_as; Claude Code refuses bypassPermissions as root, so set run_as to an unprivileged account, or sandbox: true inside a container")
        }
    }

    /// Nil when the runner executable is found; otherwise a sentence saying how to fix it.
    func runnerProblem() -> String? {
        let command = settings.runner.executable
        guard !command.isEmpty else {
            return "The runner command is empty; set `runner` in the agent's config (the default is `claude -p --output-format stream-json --verbose --permission-mode {permission_mode} {claude_flags}`, the prompt on standard input)."
        }
        if locateRunner() != nil { return nil }
        if command.contains("/") {
            return "The runner `\(command)` does not exist or is not executable; install it there or fix `runner` in the agent's config."
        }
        let path = searchPath ?? "unset"
        if command == "claude" {
            return "Claude Code (`claude`) was not found on PATH (\(path)); install it with `npm install -g @anthropic-ai/claude-code` and run `claude` once to log in, or set `runner` in the agent's config to another runner."
        }
        return "The runner `\(command)` was not found on PATH (\(path)); install it or set `runner` in the agent's config to its full path."
    }

    /// Nil when the runner is not Claude Code or Claude Code has credentials; otherwise a
    /// sentence saying how to log it in (`ClaudeLogin`).
    func loginProblem() -> String? {
        guard (settings.runner.executable as NSString).lastPathComponent == "claude" else { return nil }
        let environment = ProcessInfo.processInfo.environment.merging(settings.environment) { $1 }
            .merging(settings.claudeEnvironment) { $1 }
        let home = runnerIdentity?.home ?? environment["HOME"] ?? NSHomeDirectory()
        let directory = settings.claudeConfigDirectory
            ?? URL(fileURLWithPath: home).appendingPathComponent(".claude")
        return ClaudeLogin.problem(
            agent: settings.name, environment: environment, configDirectory: directory,
            fileExists: { FileManager.default.fileExists(atPath: $0) })
    }

    /// Fires a hook for an event outside a task (agent message, GitHub event, resource limit,
    /// collaboration request); waits for it, never throws.
    func fireHook(_ event: HookEvent) async {
        await hooks?.fire(event)
    }

    /// The runner's executable path, when it exists.
    func locateRunner() -> String? {
        ExecutableLocator.locate(settings.runner.executable, path: searchPath)
    }

    private var searchPath: String? {
        settings.environment["PATH"] ?? ProcessInfo.processInfo.environment["PATH"]
    }
}
