import Foundation
import Wire

extension TaskExecutor {
    /// Runs one attempt to the end; never throws for task failures (they are outcomes).
    ///
    /// Cancelling the calling task kills the runner's process group and ends with outcome
    /// `.cancelled`; the worktree is removed whatever happened. Hooks fire in order:
    /// on-task-received, on-progress-update per update, then on-task-complete or on-error;
    /// all of them have run when this returns.
    func execute(
        _ assignment: TaskAssignment,
        progress: @escaping @Sendable (ProgressUpdate) async -> Void
    ) async -> TaskResult {
        let hookQueue = HookQueue(runner: hooks)
        let taskInfo = HookEvent.TaskInfo(id: assignment.taskID, attempt: assignment.attempt, spec: assignment.spec)
        hookQueue.enqueue(HookEvent(event: .taskReceived, at: now(), task: taskInfo))
        logger.info("task received", metadata: ["task": "\(assignment.taskID)", "attempt": "\(assignment.attempt)"])
        let channel = ProgressChannel(assignment: assignment, now: now, deliver: progress, hooks: hookQueue)

        var result = await attempt(assignment, channel: channel)
        if Task.isCancelled, result.outcome == .failed {
            result.outcome = .cancelled
        }

        let succeeded = result.outcome == .succeeded
        hookQueue.enqueue(
            HookEvent(
                event: succeeded ? .taskComplete : .error, at: now(), task: taskInfo, result: result,
                message: succeeded ? result.summary : (result.error ?? result.summary)))
        await hookQueue.finish()
        logger.info(
            "task ended",
            metadata: [
                "task": "\(assignment.taskID)", "outcome": "\(result.outcome.rawValue)",
                "pr": "\(result.pullRequestURL ?? "-")",
            ])
        return result
    }

    private func attempt(_ assignment: TaskAssignment, channel: ProgressChannel) async -> TaskResult {
        guard let executable = locateRunner() else {
            let problem = runnerProblem() ?? "The runner could not be found."
            return TaskResult(outcome: .failed, summary: problem, error: problem, ending: .notStarted)
        }
        let naming = TaskNaming(agent: settings.name, taskID: assignment.taskID)
        let repository = assignment.spec.repository.flatMap { $0.trimmingWhitespace().isEmpty ? nil : $0 }
            ?? settings.repository
        if Task.isCancelled { return Self.cancelledBeforeStart }
        let placement = await place(assignment, naming: naming)
        let workspace = workspace
        await channel.step("preparing a worktree of \(repository) on branch \(placement.branch)")
        let worktree: Worktree
        do {
            worktree = try await workspace.createWorktree(
                repository: repository, directoryName: placement.directoryName, branch: placement.branch)
        } catch {
            await Task { await workspace.releaseFolder(placement.directoryName) }.value
            if Task.isCancelled || error is CancellationError { return Self.cancelledBeforeStart }
            return TaskResult(outcome: .failed, summary: "The workspace could not be prepared.", error: "\(error)")
        }
        await channel.step("worktree \(worktree.path.path) is on branch \(worktree.branch) from origin/\(worktree.baseBranch)")

        let (result, keepBranch) = await runAndPublish(
            assignment, worktree: worktree, executable: executable, naming: naming,
            resumeSessionID: placement.resumeSessionID, channel: channel)

        // Clean up even when cancelled: a fresh task is not cancelled with this one.
        // The workspace keeps the branch anyway while it holds commits origin lacks.
        let branchKept = await Task {
            let kept = await workspace.removeWorktree(worktree, deleteBranch: !keepBranch)
            await workspace.releaseFolder(placement.directoryName)
            return kept
        }.value
        let kept = branchKept ? "; local branch \(worktree.branch) is kept in \(worktree.repositoryDirectory.path)" : ""
        await channel.step("removed worktree \(worktree.path.path)\(kept)")
        return result
    }

    private func runAndPublish(
        _ assignment: TaskAssignment, worktree: Worktree, executable: String, naming: TaskNaming,
        resumeSessionID: String?, channel: ProgressChannel
    ) async -> (TaskResult, keepBranch: Bool) {
        if let identity = runnerIdentity {
            do {
                try FileSystem.transferOwnership(of: worktree.path, to: identity)
            } catch {
                return (TaskResult(outcome: .failed, summary: "The worktree could not be handed to \(identity.name).", error: "\(error)"), false)
            }
        }
        let timeout = Self.timeout(
            seconds: assignment.timeoutSeconds, default: settings.taskTimeoutDefault, limit: settings.taskTimeoutLimit)
        let prompt = prompts.prompt(
            for: assignment.spec, taskID: assignment.taskID, repository: worktree.repository.cloneSource,
            branch: worktree.branch)
        let placeholders = RunnerPlaceholders(
            prompt: prompt, permissionMode: settings.permissionMode, taskID: assignment.taskID,
            attempt: assignment.attempt, title: assignment.spec.title, branch: worktree.branch,
            worktree: worktree.path.path, agent: settings.name, specialty: settings.specialty)
        let promptFile: PromptFile
        do {
            promptFile = try PromptFile(prompt)
        } catch {
            return (TaskResult(outcome: .failed, summary: "The prompt could not be written.", error: "\(error)", ending: .notStarted), false)
        }
        defer { promptFile.remove() }
        var toolsFile: MCPConfigFile?
        if let tools = settings.clusterTools {
            do {
                toolsFile = try MCPConfigFile(tools.configuration(agent: settings.name, taskID: assignment.taskID))
            } catch {
                return (TaskResult(outcome: .failed, summary: "The MCP configuration could not be written.", error: "\(error)", ending: .notStarted), false)
            }
        }
        defer { toolsFile?.remove() }
        let claude = settings.claude.overridden(by: assignment.spec.claude)
        var invocation = RunnerInvocation(
            executable: executable,
            arguments: settings.runner.arguments(
                placeholders, claudeFlags: ClaudeArguments.flags(
                    claude, resumeSessionID: resumeSessionID, clusterToolsConfig: toolsFile?.url.path)),
            workingDirectory: worktree.path,
            // `claude-cluster ask` inside the worktree names the task it asks about.
            environment: settings.environment.merging(settings.claudeEnvironment) { _, claude in claude }
                .merging(["CLUSTER_TASK_ID": assignment.taskID]) { _, task in task },
            identity: runnerIdentity,
            logFile: settings.logsDirectory.appendingPathComponent(naming.logFileName),
            timeout: timeout,
            killGrace: settings.killGracePeriod,
            standardInput: promptFile.url
        )
        let record = recordRun(assignment, worktree: worktree)
        let limitWatch = settings.runnerLimits.map { RunnerLimitWatch(limits: $0, grace: settings.killGracePeriod, logger: logger) }
        invocation.onStart = { group in
            record(group)
            limitWatch?.start(group: group)
        }
        await channel.step("starting \(settings.runner.executable) (time limit \(CommandLineText.seconds(timeout)))")
        let report = await runner.run(invocation) { event in
            if case .progress(let kind, let message) = event { await channel.send(kind, message) }
        }
        limitWatch?.finish()
        runRecords.remove(taskID: assignment.taskID)
        var result = RunnerVerdict.result(for: report, command: settings.runner.executable, timeout: timeout)
        if let reason = limitWatch?.stopReason {
            result = Self.stoppedForLimit(result, reason: reason)
            await channel.step("stopped the runner: \(reason)")
        }
        guard result.outcome == .succeeded else {
            return (result, await keepUnfinishedWork(result, assignment: assignment, worktree: worktree, channel: channel))
        }
        return await publish(result, assignment: assignment, worktree: worktree, channel: channel)
    }

    /// The runner's time limit: the assignment's when it is a positive number of seconds,
    /// else `fallback`; at most the agent's own `limit`.
    static func timeout(seconds: Double, default fallback: Duration, limit: Duration? = nil) -> Duration {
        let asked: Duration = seconds.isFinite && seconds > 0 ? .milliseconds(Int64(min(seconds, 365 * 86_400) * 1000)) : fallback
        guard let limit else { return asked }
        return min(asked, limit)
    }

    /// The result of a runner the agent stopped for crossing a resource limit: failed,
    /// whatever the runner said as it died, with the reason; cost and usage are kept.
    static func stoppedForLimit(_ result: TaskResult, reason: String) -> TaskResult {
        var stopped = result
        stopped.outcome = .failed
        stopped.summary = "The runner was stopped for a resource limit: \(reason)."
        stopped.error = "stopped for a resource limit: \(reason)"
        stopped.ending = .failed
        stopped.usageLimit = nil
        return stopped
    }

    static let cancelledBeforeStart = TaskResult(
        outcome: .cancelled, summary: "The task was cancelled before the runner started.")
}
