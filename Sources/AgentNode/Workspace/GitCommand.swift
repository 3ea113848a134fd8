import Foundation

/// Runs `git` for the workspace: never prompts, bounded in time, killed with its group.
struct GitCommand: Sendable {
    /// Extra environment for every git process (the agent's configured environment).
    var environment: [String: String] = [:]
    var timeout: Duration = .seconds(300)
    var killGrace: Duration = .seconds(5)
    /// Adds `-c safe.directory=*`: worktrees the runner (another user) owns are still ours to read.
    var trustAllDirectories = false

    /// Runs `git <arguments>` in `directory` and returns its standard output, or throws
    /// `WorkspaceError.gitFailed` naming `step`.
    @discardableResult
    func run(_ arguments: [String], in directory: URL?, step: String) async throws -> String {
        let result = await result(arguments, in: directory)
        guard result.succeeded else {
            if Task.isCancelled { throw CancellationError() }
            throw WorkspaceError.gitFailed(step: step, detail: result.failureDescription)
        }
        return result.standardOutput
    }

    /// Runs `git <arguments>` and returns how it went, for callers that tolerate failure.
    func result(_ arguments: [String], in directory: URL?) async -> CommandResult {
        var environment = environment
        // Never wait for a password on a terminal nobody watches; fail instead.
        environment["GIT_TERMINAL_PROMPT"] = "0"
        environment["GIT_ASKPASS"] = environment["GIT_ASKPASS"] ?? ""
        environment["LC_ALL"] = "C"
        let prefix = trustAllDirectories ? ["-c", "safe.directory=*"] : []
        let process = SupervisedProcess(
            executable: "git",
            arguments: prefix + arguments,
            workingDirectory: directory,
            environment: environment,
            timeout: timeout,
            killGrace: killGrace
        )
        return await CollectedCommand(process: process, outputLimit: 4 << 20).run()
    }
}
