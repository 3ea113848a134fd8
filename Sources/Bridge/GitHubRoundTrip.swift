import Foundation
import Logging
import Synchronization
import Wire

/// The way back to GitHub: before a delivery is carried out, links a pull request's
/// `@claude` to the task that made it, turns `@claude retry` into the failed task again
/// and a failed check into a fixing follow-up; after a task is submitted, follows it with a
/// `TaskTracker`. What to do is decided by pure types (`PullRequestOrigin`, `FixRounds`,
/// `RetryCommand`, `TrackingComment`); this only looks things up and calls.
final class GitHubRoundTrip: Sendable {
    let settings: GitHubRoundTripSettings
    let rules: WebhookRules
    let cluster: any ClusterAPI
    /// Nil without a token: nothing is posted, follow-ups and retries still work.
    let github: (any GitHubAPI)?
    let reporter: GitHubFailureReporter
    let logger: Logger
    let now: @Sendable () -> Date
    private let trackers = Mutex<[String: Task<Void, Never>]>([:])

    init(
        settings: GitHubRoundTripSettings, rules: WebhookRules, cluster: any ClusterAPI, github: (any GitHubAPI)?,
        metrics: BridgeMetrics, logger: Logger, now: @escaping @Sendable () -> Date
    ) {
        self.settings = settings
        self.rules = rules
        self.cluster = cluster
        self.github = github
        self.reporter = GitHubFailureReporter(logger: logger, metrics: metrics, cluster: cluster)
        self.logger = logger
        self.now = now
    }

    /// A decision made ready for the round trip, and where its task answers on GitHub.
    struct Plan: Sendable {
        var decision: WebhookDecision
        var thread: GitHubThread?
    }

    var scan: TaskScan { TaskScan(cluster: cluster, limit: settings.taskSearchLimit) }

    /// Refines what `WebhookRules.decide` made of a delivery.
    func prepare(event: String, delivery: String, payload: GitHubPayload, decision: WebhookDecision) async throws -> Plan {
        if settings.fixFailedChecks, let failure = CheckFailure(event: event, payload: payload),
           let repository = payload.repository?.fullName,
           let plan = try await fixPlan(failure, repository: repository, delivery: delivery, fallback: decision)
        {
            return plan
        }
        guard case .submit(var spec) = decision, spec.source == .github else { return Plan(decision: decision, thread: nil) }
        let thread = GitHubThread(event: event, payload: payload)
        if settings.retryCommand, event == "issue_comment", let comment = payload.comment?.body,
           RetryCommand.isRetry(comment, triggerPhrase: rules.triggerPhrase), let thread
        {
            return try await retryPlan(thread: thread, delivery: delivery)
        }
        if settings.followUps, spec.metadata["github.kind"] == "pull_request" {
            let url = payload.pullRequest?.htmlURL ?? payload.issue?.pullRequest?.htmlURL
            let head = payload.pullRequest?.head?.ref
            if let origin = try await scan.tasks(where: { PullRequestOrigin.matches($0, branch: head, pullRequestURL: url) }).first {
                spec.parent = origin.id
                // An explicit target would win over the parent's agent, which holds the session.
                spec.target = nil
                spec.repository = origin.spec.repository ?? spec.repository
                spec.metadata["github.follow_up_of"] = origin.id
                logger.info("pull request comment continues a task", metadata: ["parent": "\(origin.id)", "branch": "\(origin.result?.branch ?? "-")"])
            }
        }
        return Plan(decision: .submit(spec), thread: thread)
    }

    /// Follows a submitted task on GitHub: the tracking comment and the 👀 reaction.
    func track(_ record: TaskRecord, thread: GitHubThread) {
        guard let github, settings.trackingComments || settings.reactions else { return }
        let tracker = TaskTracker(
            github: github, cluster: cluster, thread: thread, settings: settings, retryPhrase: rules.triggerPhrase,
            reporter: reporter, logger: logger, now: now)
        let id = record.id
        trackers.withLock { running in
            guard running[id] == nil else { return }
            if !settings.trackingComments {
                running[id] = Task { [reporter] in
                    if let target = thread.reaction {
                        do throws(GitHubAPIError) {
                            try await github.addReaction(repository: thread.repository, to: target, content: "eyes")
                        } catch {
                            reporter.report(error, taskID: id)
                        }
                    }
                    self.finished(id)
                }
                return
            }
            running[id] = Task {
                await tracker.run(record)
                self.finished(id)
            }
        }
    }

    /// Tasks being followed now (for tests and shutdown).
    var trackedTaskIDs: [String] { trackers.withLock { Array($0.keys) } }

    /// Stops following every task (the bridge is shutting down).
    func stopAll() {
        let running = trackers.withLock { running in
            defer { running.removeAll() }
            return Array(running.values)
        }
        running.forEach { $0.cancel() }
    }

    private func finished(_ id: String) {
        _ = trackers.withLock { $0.removeValue(forKey: id) }
    }

    // MARK: - Retry

    private func retryPlan(thread: GitHubThread, delivery: String) async throws -> Plan {
        let latest = try await scan.tasks(source: .github) { task in
            task.spec.metadata["github.repository"] == thread.repository
                && task.spec.metadata["github.number"] == String(thread.number)
        }.first
        guard let latest else {
            return Plan(decision: .ignore("no task from \(thread.repository)#\(thread.number) to retry"), thread: nil)
        }
        guard RetryCommand.canRetry(latest.state) else {
            return Plan(
                decision: .ignore("task \(latest.id) is \(latest.state.rawValue): \(rules.triggerPhrase) retry only runs a failed task again"),
                thread: nil)
        }
        var spec = latest.spec
        spec.idempotencyKey = "github:\(delivery)"
        spec.metadata["github.delivery"] = delivery
        spec.metadata["github.retry_of"] = latest.id
        logger.info("retry requested on GitHub", metadata: ["task": "\(latest.id)", "thread": "\(thread.repository)#\(thread.number)"])
        return Plan(decision: .submit(spec), thread: thread)
    }

    // MARK: - Failed checks

    /// Nil when the branch is not the cluster's: the delivery is then handled as before.
    private func fixPlan(_ failure: CheckFailure, repository: String, delivery: String, fallback: WebhookDecision) async throws -> Plan? {
        let related = try await scan.tasks { task in
            PullRequestOrigin.matches(task, branch: failure.branch, pullRequestURL: nil)
                || task.spec.metadata[FixRounds.branchKey] == failure.branch
        }
        guard let origin = related.first(where: { PullRequestOrigin.matches($0, branch: failure.branch, pullRequestURL: nil) }) else {
            return nil
        }
        let pullRequestURL = origin.result?.pullRequestURL
        let ownNumber = PullRequestOrigin.number(in: pullRequestURL)
        // A fork's pull request can have a branch of the same name; its checks list no pull
        // request of this repository, so a check must name the cluster's own pull request.
        if let ownNumber, !failure.pullRequests.contains(ownNumber) {
            logger.notice(
                "a failed check on a branch named like a cluster branch is not for its pull request; not fixing",
                metadata: ["check": "\(failure.name)", "branch": "\(failure.branch)", "pull_request": "\(ownNumber)"])
            return nil
        }
        let fixes = related.filter { $0.spec.metadata[FixRounds.branchKey] == failure.branch }
        let number = ownNumber ?? failure.pullRequests.first
        switch FixRounds.decide(fixes: fixes, headSHA: failure.headSHA, maxRounds: settings.maxFixRounds) {
        case .alreadyFixing(let taskID):
            return Plan(decision: .ignore("commit \(failure.headSHA) on \(failure.branch) already has its fixing task \(taskID)"), thread: nil)
        case .stop(let rounds):
            if let number { await postStopComment(failure, rounds: rounds, repository: repository, number: number) }
            return Plan(
                decision: .ignore("\(failure.name) failed on \(failure.branch), but its \(rounds) fixing round(s) are used (github.max_fix_rounds)"),
                thread: nil)
        case .fix(let round):
            let tail = await logTail(failure, repository: repository)
            var metadata = origin.spec.metadata.filter { !$0.key.hasPrefix("github.") }
            metadata["github.event"] = failure.event
            metadata["github.action"] = "completed"
            metadata["github.delivery"] = delivery
            metadata["github.repository"] = repository
            metadata["github.kind"] = "pull_request"
            metadata["github.number"] = number.map(String.init)
            metadata["github.check"] = failure.name
            metadata[FixRounds.branchKey] = failure.branch
            metadata[FixRounds.commitKey] = failure.headSHA
            metadata[FixRounds.roundKey] = String(round)
            let spec = TaskSpec(
                title: "Fix the failed check \(failure.name) on \(failure.branch)",
                description: FailedCheckPrompt.text(
                    failure: failure, pullRequestURL: pullRequestURL, round: round, maxRounds: settings.maxFixRounds, logTail: tail),
                type: origin.spec.type,
                labels: origin.spec.labels,
                repository: origin.spec.repository,
                issueURL: pullRequestURL ?? origin.spec.issueURL,
                source: .github,
                // One fixing task per commit, however many of its checks fail.
                idempotencyKey: "github:fix:\(repository):\(failure.branch):\(failure.headSHA.isEmpty ? delivery : failure.headSHA)",
                metadata: metadata,
                parent: origin.id)
            logger.info(
                "a failed check starts a fixing follow-up",
                metadata: ["check": "\(failure.name)", "branch": "\(failure.branch)", "round": "\(round)", "parent": "\(origin.id)"])
            return Plan(decision: .submit(spec), thread: number.map { GitHubThread(repository: repository, number: $0) })
        }
    }

    private func logTail(_ failure: CheckFailure, repository: String) async -> String? {
        guard let github, let source = failure.logSource else { return failure.output }
        do {
            let log: String
            switch source {
            case .job(let id):
                log = try await github.jobLog(repository: repository, jobID: id)
            case .workflowRun(let id):
                let jobs = try await github.workflowJobs(repository: repository, runID: id)
                guard let failed = jobs.first(where: { CheckFailure.failing.contains($0.conclusion ?? "") }) else { return failure.output }
                log = "Job \(failed.name ?? String(failed.id)):\n" + (try await github.jobLog(repository: repository, jobID: failed.id))
            case .checkSuite(let id):
                let runs = try await github.suiteCheckRuns(repository: repository, suiteID: id)
                guard let failed = runs.first(where: { CheckFailure.failing.contains($0.conclusion ?? "") }) else { return failure.output }
                log = "Check \(failed.name ?? String(failed.id)):\n" + (try await github.jobLog(repository: repository, jobID: failed.id))
            }
            return FailedCheckPrompt.tail(log, lines: settings.logTailLines)
        } catch {
            reporter.report(error, taskID: nil)
            return failure.output
        }
    }

    private func postStopComment(_ failure: CheckFailure, rounds: Int, repository: String, number: Int) async {
        guard let github else { return }
        let marker = FixRounds.stopMarker(branch: failure.branch)
        do {
            let posted = try await github.comments(repository: repository, number: number).contains { $0.body?.hasPrefix(marker) == true }
            guard !posted else { return }
            _ = try await github.createComment(
                repository: repository, number: number,
                body: FixRounds.stopComment(branch: failure.branch, rounds: rounds, check: failure.name))
        } catch {
            reporter.report(error, taskID: nil)
        }
    }
}
