import Foundation
import Wire

extension TaskExecutor {
    /// Commits, pushes and opens the pull request after a successful run.
    ///
    /// What the runner committed itself counts as work, like what it left uncommitted; the
    /// remainder is committed on top. Returns the final result and whether the local branch
    /// must be kept (it holds a commit that exists nowhere else: push disabled or failed).
    func publish(
        _ runnerResult: TaskResult, assignment: TaskAssignment, worktree: Worktree, channel: ProgressChannel
    ) async -> (TaskResult, keepBranch: Bool) {
        var result = runnerResult
        let git = workspaceGit
        let directory = worktree.path
        var holdsWork = false
        do {
            let work = try await git.branchWork(in: directory, startCommit: worktree.startCommit)
            holdsWork = work.branchMustBeKept
            guard work.hasWorkToPublish else {
                result = RunnerVerdict.nothingChanged(result)
                await channel.step("no changes to commit")
                return (result, false)
            }
            result.changedFiles = work.changedFiles
            if work.newCommits > 0 {
                await channel.step("the runner made \(work.newCommits) commit(s) on \(worktree.branch)")
            }
            var sha = try await git.run(["rev-parse", "--short", "HEAD"], in: directory, step: "commit").trimmingWhitespace()
            if work.uncommitted {
                try await git.run(["add", "-A"], in: directory, step: "commit")
                sha = try await commit(assignment, in: directory, git: git)
                holdsWork = true
            }
            let diffStat = try await git.run(
                ["diff", "--stat=100", "--stat-count=200", worktree.baseCommit, "HEAD"], in: directory, step: "commit")
            let statLine = CommandLineText.lastLines(diffStat, count: 1)
            await channel.step(
                work.uncommitted
                    ? "committed \(sha): \(assignment.spec.title) (\(statLine))"
                    : "branch \(worktree.branch) is at \(sha), the runner's own commit (\(statLine))")

            guard settings.pushEnabled else {
                result.branch = worktree.branch
                result.summary = RunnerVerdict.cut(
                    result.summary
                        + " Committed as \(sha) on local branch \(worktree.branch) in \(worktree.repositoryDirectory.path); push is disabled.")
                return (result, true)
            }
            if let lost = await lostHold(assignment) {
                result.outcome = .failed
                result.error = "not pushed: \(lost)"
                result.summary = RunnerVerdict.cut(
                    "The task is no longer this agent's (\(lost)), so nothing was pushed. Committed as \(sha) on local branch \(worktree.branch) in \(worktree.repositoryDirectory.path).")
                return (result, true)
            }
            await channel.step("pushing branch \(worktree.branch) to origin")
            // No --force: the worktree started from the branch's tip on origin when it had one,
            // so a refused push means someone else's commits are there; both are kept.
            let ref = "refs/heads/\(worktree.branch)"
            try await git.run(["push", "--quiet", "origin", "\(ref):\(ref)"], in: directory, step: "push")
            result.branch = worktree.branch
            await channel.step("pushed branch \(worktree.branch) to origin")

            guard !settings.pullRequestCommand.isEmpty else { return (result, false) }
            return (await openPullRequest(result, assignment: assignment, worktree: worktree, diffStat: diffStat, channel: channel), false)
        } catch let error as WorkspaceError {
            result.outcome = .failed
            result.error = "\(error)"
            let kept = holdsWork ? " The commits are kept on local branch \(worktree.branch) in \(worktree.repositoryDirectory.path)." : ""
            result.summary = RunnerVerdict.cut("The runner finished, but git \(error.step) failed.\(kept)")
            return (result, holdsWork)
        } catch {
            result.outcome = .cancelled
            result.summary = "The task was cancelled while its changes were being published."
            return (result, holdsWork)
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
        if !outcome.succeeded, let existing = PullRequestBody.existingPullRequestURL(in: outcome) {
            // A follow-up pushed to a branch that already has its pull request: that one stays.
            result.pullRequestURL = existing
            await channel.step("pull request \(existing) already exists for \(worktree.branch); the new commits are on it")
            return result
        }
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

    var workspaceGit: GitCommand {
        GitCommand(
            environment: settings.environment, timeout: settings.gitTimeout, killGrace: settings.killGracePeriod,
            trustAllDirectories: runnerIdentity != nil)
    }
}
