import Foundation
import Wire

extension TaskExecutor {
    /// Commits, pushes and opens the pull request after a successful run.
    ///
    /// Returns the final result and whether the local branch must be kept (it holds a
    /// commit that exists nowhere else: push disabled or failed).
    func publish(
        _ runnerResult: TaskResult, assignment: TaskAssignment, worktree: Worktree, channel: ProgressChannel
    ) async -> (TaskResult, keepBranch: Bool) {
        var result = runnerResult
        let git = workspaceGit
        let directory = worktree.path
        var committed = false
        do {
            let status = try await git.run(["status", "--porcelain"], in: directory, step: "status")
            guard !status.trimmingWhitespace().isEmpty else {
                result = RunnerVerdict.nothingChanged(result)
                await channel.step("no changes to commit")
                return (result, false)
            }
            result.changedFiles = true
            try await git.run(["add", "-A"], in: directory, step: "commit")
            let diffStat = try await git.run(
                ["diff", "--cached", "--stat=100", "--stat-count=200"], in: directory, step: "commit")
            let sha = try await commit(assignment, in: directory, git: git)
            committed = true
            let statLine = CommandLineText.lastLines(diffStat, count: 1)
            await channel.step("committed \(sha): \(assignment.spec.title) (\(statLine))")

            guard settings.pushEnabled else {
                result.branch = worktree.branch
                result.summary = RunnerVerdict.cut(
                    result.summary
                        + " Committed as \(sha) on local branch \(worktree.branch) in \(worktree.repositoryDirectory.path); push is disabled.")
                return (result, true)
            }
            await channel.step("pushing branch \(worktree.branch) to origin")
            // --force: the branch belongs to this task; a retry replaces the previous attempt's.
            let ref = "refs/heads/\(worktree.branch)"
            try await git.run(["push", "--force", "--quiet", "origin", "\(ref):\(ref)"], in: directory, step: "push")
            result.branch = worktree.branch
            await channel.step("pushed branch \(worktree.branch) to origin")

            guard !settings.pullRequestCommand.isEmpty else { return (result, false) }
            return (await openPullRequest(result, assignment: assignment, worktree: worktree, diffStat: diffStat, channel: channel), false)
        } catch let error as WorkspaceError {
            result.outcome = .failed
            result.error = "\(error)"
            let kept = committed ? " The commit is kept on local branch \(worktree.branch) in \(worktree.repositoryDirectory.path)." : ""
            result.summary = RunnerVerdict.cut("The runner finished, but git \(error.step) failed.\(kept)")
            return (result, committed)
        } catch {
            result.outcome = .cancelled
            result.summary = "The task was cancelled while its changes were being published."
            return (result, false)
        }
    }

    private func commit(_ assignment: TaskAssignment, in directory: URL, git: GitCommand) async throws -> String {
        let message = CommitMessage.text(
            title: assignment.spec.title, description: assignment.spec.description,
            agent: settings.name, taskID: assignment.taskID)
        let file = FileManager.default.temporaryDirectory
            .appendingPathComponent("cluster-commit-\(UUID().uuidString).txt")
        defer { try? FileManager.default.removeItem(at: file) }
        do {
            try Data(message.utf8).write(to: file)
        } catch {
            throw WorkspaceError.fileSystem(path: file.path, reason: error.localizedDescription)
        }
        try await git.run(
            ["-c", "user.name=\(settings.gitUserName)", "-c", "user.email=\(settings.gitUserEmail)",
             "commit", "--quiet", "-F", file.path],
            in: directory, step: "commit")
        return try await git.run(["rev-parse", "--short", "HEAD"], in: directory, step: "commit").trimmingWhitespace()
    }

    private func openPullRequest(
        _ pushed: TaskResult, assignment: TaskAssignment, worktree: Worktree, diffStat: String,
        channel: ProgressChannel
    ) async -> TaskResult {
        var result = pushed
        let spec = assignment.spec
        let body = PullRequestBody.text(
            summary: pushed.summary, diffStat: diffStat, taskID: assignment.taskID, agent: settings.name,
            specialty: settings.specialty, spec: spec, runnerText: pushed.summary)
        let title = spec.title.split(whereSeparator: \.isNewline).first.map(String.init) ?? "Task \(assignment.taskID)"
        let values = [
            "title": title, "body": body, "branch": worktree.branch, "base": worktree.baseBranch,
            "task_id": assignment.taskID, "agent": settings.name, "repository": worktree.repository.cloneSource,
        ]
        let template = settings.pullRequestCommand
        var environment = settings.environment
        environment["GIT_TERMINAL_PROMPT"] = "0"
        // gh would otherwise ask where to push the head branch; it is pushed already.
        environment["GH_PROMPT_DISABLED"] = "1"
        let process = SupervisedProcess(
            executable: template[0],
            arguments: CommandTemplate.expand(Array(template.dropFirst()), values: values),
            workingDirectory: worktree.path,
            environment: environment,
            timeout: settings.gitTimeout,
            killGrace: settings.killGracePeriod
        )
        await channel.step("opening the pull request with \(template[0])")
        let outcome = await CollectedCommand(process: process).run()
        guard outcome.succeeded else {
            if Task.isCancelled {
                result.outcome = .cancelled
                result.summary = "The task was cancelled while its pull request was being opened."
                return result
            }
            result.outcome = .failed
            var error = "pull request failed: \(outcome.failureDescription)"
            if case .failedToStart = outcome.termination, template[0] == "gh" {
                error += ". Install the GitHub CLI and run `gh auth login`, or set pullRequestCommand in the agent's config."
            }
            result.error = error
            result.summary = RunnerVerdict.cut(
                "The branch \(worktree.branch) was pushed, but the pull request could not be opened.")
            return result
        }
        result.pullRequestURL = PullRequestBody.url(in: outcome.standardOutput)
        await channel.step(result.pullRequestURL.map { "opened pull request \($0)" } ?? "pull request command finished (no URL in its output)")
        return result
    }

    private var workspaceGit: GitCommand {
        GitCommand(
            environment: settings.environment, timeout: settings.gitTimeout, killGrace: settings.killGracePeriod,
            trustAllDirectories: runnerIdentity != nil)
    }
}
