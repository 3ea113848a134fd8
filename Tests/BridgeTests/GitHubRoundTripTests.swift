@testable import Bridge
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Synchronization
import Testing
import Wire

/// A `GitHubAPI` that records every call and can refuse some, as a token without a permission.
final class RecordingGitHub: GitHubAPI {
    struct State {
        var calls: [String] = []
        var comments: [GitHubComment] = []
        var refuseCreate = false
        var nextID = 100
    }
    let state = Mutex(State())

    var calls: [String] { state.withLock { $0.calls } }

    func seedComment(id: Int, body: String) { state.withLock { $0.comments.append(GitHubComment(id: id, body: body)) } }

    func createComment(repository: String, number: Int, body: String) async throws(GitHubAPIError) -> Int {
        let refused: Bool = state.withLock { state in
            state.calls.append("create \(repository)#\(number)")
            return state.refuseCreate
        }
        if refused { throw .refused(operation: "creating a comment on \(repository)#\(number)", status: 403, message: "Resource not accessible by integration") }
        return state.withLock { state in
            state.nextID += 1
            state.comments.append(GitHubComment(id: state.nextID, body: body))
            return state.nextID
        }
    }

    func editComment(repository: String, commentID: Int, body: String) async throws(GitHubAPIError) {
        state.withLock { $0.calls.append("edit \(commentID)") }
    }

    func comments(repository: String, number: Int) async throws(GitHubAPIError) -> [GitHubComment] {
        state.withLock { state in
            state.calls.append("list \(repository)#\(number)")
            return state.comments
        }
    }

    func addReaction(repository: String, to target: GitHubReactionTarget, content: String) async throws(GitHubAPIError) {
        state.withLock { $0.calls.append("react \(target.path) \(content)") }
    }

    func jobLog(repository: String, jobID: Int) async throws(GitHubAPIError) -> String {
        state.withLock { $0.calls.append("log \(jobID)") }
        return (1...100).map { "line \($0)" }.joined(separator: "\n") + "\nerror: the build failed\n"
    }

    func workflowJobs(repository: String, runID: Int) async throws(GitHubAPIError) -> [GitHubCheck] {
        state.withLock { $0.calls.append("jobs \(runID)") }
        return [GitHubCheck(id: 1, name: "lint", conclusion: "success"), GitHubCheck(id: 2, name: "test", conclusion: "failure")]
    }

    func suiteCheckRuns(repository: String, suiteID: Int) async throws(GitHubAPIError) -> [GitHubCheck] {
        state.withLock { $0.calls.append("runs \(suiteID)") }
        return [GitHubCheck(id: 3, name: "test", conclusion: "timed_out")]
    }
}

@Suite("GitHub round trip")
struct GitHubRoundTripTests {
    let logger = Logger(label: "round-trip-tests")

    func roundTrip(_ cluster: FakeCluster, github: RecordingGitHub? = RecordingGitHub(), settings: GitHubRoundTripSettings = GitHubRoundTripSettings(token: "t"), metrics: BridgeMetrics = BridgeMetrics()) -> GitHubRoundTrip {
        GitHubRoundTrip(
            settings: settings, rules: WebhookRules(), cluster: cluster, github: github, metrics: metrics, logger: logger,
            now: { FakeCluster.epoch })
    }

    func payload(_ json: String) throws -> GitHubPayload {
        try JSONDecoder().decode(GitHubPayload.self, from: Data(json.utf8))
    }

    func githubTask(_ id: String, state: TaskState, number: Int = 42, branch: String? = nil, pullRequest: String? = nil, metadata: [String: String] = [:]) -> TaskRecord {
        var spec = TaskSpec(title: "Fix login", description: "d", target: "frontend", repository: "/srv/widgets.git", source: .github)
        spec.metadata = ["github.repository": "acme/widgets", "github.number": String(number), "github.kind": "issue"].merging(metadata) { $1 }
        var record = TaskRecord(id: id, spec: spec, state: state, agent: "CC01", specialty: "frontend", createdAt: FakeCluster.epoch)
        if branch != nil || pullRequest != nil || state == .succeeded {
            record.result = TaskResult(outcome: state == .succeeded ? .succeeded : .failed, summary: "s", pullRequestURL: pullRequest, branch: branch)
        }
        return record
    }

    func decide(_ event: String, _ json: String, delivery: String = "d-1") throws -> (GitHubPayload, WebhookDecision) {
        let parsed = try payload(json)
        return (parsed, WebhookRules().decide(event: event, delivery: delivery, payload: parsed, now: FakeCluster.epoch))
    }

    @Test func retryRunsTheFailedTaskOfTheIssueAgain() async throws {
        let cluster = FakeCluster()
        await cluster.seed(githubTask("T-1", state: .deadLettered))
        let (parsed, decision) = try decide("issue_comment", GitHubFixtures.issueComment(body: "@claude retry", login: "octocat", association: "MEMBER"))
        let plan = try await roundTrip(cluster).prepare(event: "issue_comment", delivery: "d-1", payload: parsed, decision: decision)
        guard case .submit(let spec) = plan.decision else { Issue.record("\(plan.decision)"); return }
        #expect(spec.title == "Fix login")
        #expect(spec.target == "frontend")
        #expect(spec.idempotencyKey == "github:d-1")
        #expect(spec.metadata["github.retry_of"] == "T-1")
        #expect(plan.thread == GitHubThread(repository: "acme/widgets", number: 42, reaction: .issueComment(id: 1)))
    }

    @Test func retryOfATaskThatDidNotFailIsIgnored() async throws {
        let cluster = FakeCluster()
        await cluster.seed(githubTask("T-1", state: .running))
        let (parsed, decision) = try decide("issue_comment", GitHubFixtures.issueComment(body: "@claude retry", login: "octocat", association: "MEMBER"))
        let plan = try await roundTrip(cluster).prepare(event: "issue_comment", delivery: "d-1", payload: parsed, decision: decision)
        guard case .ignore(let reason) = plan.decision else { Issue.record("\(plan.decision)"); return }
        #expect(reason.contains("T-1 is running"))
        #expect(RetryCommand.isRetry("@Claude  retry.", triggerPhrase: "@claude"))
        #expect(!RetryCommand.isRetry("@claude retry the login and the signup", triggerPhrase: "@claude"))
    }

    @Test func aPullRequestCommentContinuesTheTaskThatOpenedIt() async throws {
        let cluster = FakeCluster()
        await cluster.seed(githubTask("T-7", state: .succeeded, branch: "cc01/T-7", pullRequest: "https://github.com/acme/widgets/pull/42"))
        await cluster.seed(githubTask("T-8", state: .succeeded, branch: "cc02/T-8", pullRequest: "https://github.com/acme/widgets/pull/43"))
        let (parsed, decision) = try decide(
            "issue_comment", GitHubFixtures.issueComment(body: "@claude rename the button", login: "octocat", association: "MEMBER", isPullRequest: true))
        let plan = try await roundTrip(cluster).prepare(event: "issue_comment", delivery: "d-2", payload: parsed, decision: decision)
        guard case .submit(let spec) = plan.decision else { Issue.record("\(plan.decision)"); return }
        #expect(spec.parent == "T-7")
        #expect(spec.target == nil, "the broker sends it to T-7's agent")
        #expect(spec.repository == "/srv/widgets.git")
        #expect(spec.metadata["github.follow_up_of"] == "T-7")
    }

    @Test func aPullRequestTheClusterDidNotOpenStartsAFreshTask() async throws {
        let cluster = FakeCluster()
        await cluster.seed(githubTask("T-8", state: .succeeded, branch: "cc02/T-8", pullRequest: "https://github.com/acme/widgets/pull/43"))
        let (parsed, decision) = try decide(
            "issue_comment", GitHubFixtures.issueComment(body: "@claude rename the button", login: "octocat", association: "MEMBER", isPullRequest: true))
        let plan = try await roundTrip(cluster).prepare(event: "issue_comment", delivery: "d-2", payload: parsed, decision: decision)
        guard case .submit(let spec) = plan.decision else { Issue.record("\(plan.decision)"); return }
        #expect(spec.parent == nil)
    }

    @Test func aReviewThatMentionsTheTriggerContinuesThePullRequest() async throws {
        let cluster = FakeCluster()
        await cluster.seed(githubTask("T-7", state: .succeeded, branch: "cc01/T-7", pullRequest: "https://github.com/acme/widgets/pull/42"))
        let json = #"""
            {"action": "submitted",
             "review": {"id": 8, "body": "@claude split this function", "user": {"login": "octocat", "type": "User"},
               "author_association": "MEMBER", "html_url": "https://github.com/acme/widgets/pull/42#pullrequestreview-8"},
             "pull_request": {"number": 42, "title": "Fix login", "html_url": "https://github.com/acme/widgets/pull/42",
               "head": {"ref": "cc01/T-7", "sha": "abc"}, "user": {"login": "cluster-bot"}},
             \#(GitHubFixtures.repository), \#(GitHubFixtures.sender("octocat"))}
            """#
        let (parsed, decision) = try decide("pull_request_review", json)
        let plan = try await roundTrip(cluster).prepare(event: "pull_request_review", delivery: "d-9", payload: parsed, decision: decision)
        guard case .submit(let spec) = plan.decision else { Issue.record("\(plan.decision)"); return }
        #expect(spec.parent == "T-7")
        #expect(spec.description.contains("@claude split this function"))
        #expect(plan.thread == GitHubThread(repository: "acme/widgets", number: 42, reaction: nil), "reviews take no reactions")
    }

    static func workflowRun(conclusion: String, sha: String, branch: String = "cc01/T-7", pullRequests: String = "42") -> String {
        #"""
        {"action": "completed",
         "workflow_run": {"id": 30433642, "name": "Build", "head_branch": "\#(branch)", "head_sha": "\#(sha)",
           "status": "completed", "conclusion": "\#(conclusion)", "html_url": "https://github.com/acme/widgets/actions/runs/30433642",
           "pull_requests": [\#(pullRequests.isEmpty ? "" : #"{"number": \#(pullRequests), "head": {"ref": "\#(branch)", "sha": "\#(sha)"}}"#)]},
         \#(GitHubFixtures.repository), \#(GitHubFixtures.sender("octocat"))}
        """#
    }

    @Test func aFailedWorkflowRunStartsOneFixPerCommitWithinTheRoundLimit() async throws {
        let cluster = FakeCluster()
        await cluster.seed(githubTask("T-7", state: .succeeded, branch: "cc01/T-7", pullRequest: "https://github.com/acme/widgets/pull/42"))
        let github = RecordingGitHub()
        let trip = roundTrip(cluster, github: github, settings: GitHubRoundTripSettings(token: "t", maxFixRounds: 1, logTailLines: 3))
        let (parsed, decision) = try decide("workflow_run", Self.workflowRun(conclusion: "failure", sha: "aaa"))
        #expect(decision == .broadcast(WebhookRules().decide(event: "workflow_run", delivery: "d-1", payload: parsed, now: FakeCluster.epoch).broadcastValue!))
        let plan = try await trip.prepare(event: "workflow_run", delivery: "d-1", payload: parsed, decision: decision)
        guard case .submit(let spec) = plan.decision else { Issue.record("\(plan.decision)"); return }
        #expect(spec.parent == "T-7")
        #expect(spec.metadata[FixRounds.branchKey] == "cc01/T-7")
        #expect(spec.metadata[FixRounds.roundKey] == "1")
        #expect(spec.description.contains("`Build` ended with `failure` on branch `cc01/T-7`"))
        #expect(spec.description.contains("Job test:") == false, "only the last 3 lines: \(spec.description)")
        #expect(spec.description.contains("line 100\nerror: the build failed\n```"))
        #expect(github.calls == ["jobs 30433642", "log 2"])
        #expect(plan.thread == GitHubThread(repository: "acme/widgets", number: 42))

        // The fix for commit aaa exists: the same commit again is not a second round, and a
        // new commit is over the limit: one comment says so, once.
        let submitted = try await cluster.submit(spec)
        _ = submitted
        let again = try await trip.prepare(event: "workflow_run", delivery: "d-2", payload: parsed, decision: decision)
        guard case .ignore(let same) = again.decision else { Issue.record("\(again.decision)"); return }
        #expect(same.contains("already has its fixing task"))
        let (next, nextDecision) = try decide("workflow_run", Self.workflowRun(conclusion: "failure", sha: "bbb"))
        for delivery in ["d-3", "d-4"] {
            let over = try await trip.prepare(event: "workflow_run", delivery: delivery, payload: next, decision: nextDecision)
            guard case .ignore(let reason) = over.decision else { Issue.record("\(over.decision)"); return }
            #expect(reason.contains("max_fix_rounds"))
        }
        #expect(github.calls.filter { $0.hasPrefix("create") } == ["create acme/widgets#42"])
    }

    @Test func checksThatPassOrRunElsewhereAreLeftAlone() async throws {
        let cluster = FakeCluster()
        await cluster.seed(githubTask("T-7", state: .succeeded, branch: "cc01/T-7", pullRequest: "https://github.com/acme/widgets/pull/42"))
        let trip = roundTrip(cluster)
        for json in [
            Self.workflowRun(conclusion: "success", sha: "a"), Self.workflowRun(conclusion: "cancelled", sha: "a"),
            Self.workflowRun(conclusion: "failure", sha: "a", branch: "main"),
            // A fork's branch named like the cluster's: its checks list no pull request here.
            Self.workflowRun(conclusion: "failure", sha: "a", pullRequests: ""),
            Self.workflowRun(conclusion: "failure", sha: "a", pullRequests: "7"),
        ] {
            let (parsed, decision) = try decide("workflow_run", json)
            let plan = try await trip.prepare(event: "workflow_run", delivery: "d", payload: parsed, decision: decision)
            #expect(plan.decision == decision, "forwarded as before")
        }
    }

    @Test func checkSuitesAndCheckRunsAreReadToo() throws {
        let suite = try payload(#"""
            {"action": "completed", "check_suite": {"id": 5, "head_branch": "cc01/T-7", "head_sha": "abc", "conclusion": "timed_out",
             "app": {"name": "Buildkite"}, "pull_requests": [{"number": 42}]}}
            """#)
        let failure = try #require(CheckFailure(event: "check_suite", payload: suite))
        #expect(failure.name == "Buildkite")
        #expect(failure.logSource == .checkSuite(id: 5))
        #expect(failure.pullRequests == [42])
        let run = try payload(#"""
            {"action": "completed", "check_run": {"id": 9, "name": "lint", "head_sha": "abc", "conclusion": "failure",
             "output": {"title": "2 problems", "summary": "a.swift:3 unused"}, "check_suite": {"id": 5, "head_branch": "cc01/T-7"}, "pull_requests": []}}
            """#)
        let runFailure = try #require(CheckFailure(event: "check_run", payload: run))
        #expect(runFailure.logSource == .job(id: 9))
        #expect(runFailure.output == "2 problems\n\na.swift:3 unused")
        #expect(CheckFailure(event: "check_run", payload: try payload(#"{"action": "created", "check_run": {"conclusion": "failure", "check_suite": {"head_branch": "x"}}}"#)) == nil)
    }

    @Test func aTrackerAdoptsTheCommentItPostedBeforeARestart() async throws {
        let cluster = FakeCluster()
        let record = await cluster.seed(githubTask("T-3", state: .succeeded, pullRequest: "https://github.com/acme/widgets/pull/50"))
        let github = RecordingGitHub()
        github.seedComment(id: 77, body: TrackingCommentText.marker(taskID: "T-3") + "\n⏳ old text\n")
        let tracker = TaskTracker(
            github: github, cluster: cluster, thread: GitHubThread(repository: "acme/widgets", number: 42, reaction: .issueComment(id: 5)),
            settings: GitHubRoundTripSettings(token: "t"), retryPhrase: "@claude",
            reporter: GitHubFailureReporter(logger: logger, metrics: BridgeMetrics()), logger: logger, now: { FakeCluster.epoch })
        await tracker.run(record)
        #expect(github.calls == ["react issues/comments/5/reactions eyes", "list acme/widgets#42", "edit 77"])
    }

    @Test func unfinishedGitHubTasksAreFollowedAgainWhenTheBridgeStarts() async throws {
        let cluster = FakeCluster()
        _ = await cluster.seed(githubTask("T-8", state: .running))
        _ = await cluster.seed(githubTask("T-9", state: .succeeded))
        var threadless = githubTask("T-10", state: .queued)
        threadless.spec.metadata = [:]
        _ = await cluster.seed(threadless)
        let github = RecordingGitHub()
        github.seedComment(id: 91, body: TrackingCommentText.marker(taskID: "T-8") + "\n⏳ old text\n")
        let trip = roundTrip(cluster, github: github)
        defer { trip.stopAll() }
        #expect(await trip.resumeTracking(retryEvery: .milliseconds(1), attempts: 1) == 1)
        #expect(trip.trackedTaskIDs == ["T-8"])
        #expect(await poll { github.calls.contains("edit 91") }, "\(github.calls)")
        #expect(!github.calls.contains { $0.hasPrefix("create") || $0.hasPrefix("react") }, "\(github.calls)")
    }

    @Test func resumingTriesAgainWhileTheBrokerDoesNotAnswer() async throws {
        let cluster = FakeCluster()
        _ = await cluster.seed(githubTask("T-8", state: .running))
        await cluster.fail(with: .unavailable("the broker is starting"))
        let trip = roundTrip(cluster)
        #expect(await trip.resumeTracking(retryEvery: .milliseconds(1), attempts: 3) == 0)
        #expect(trip.trackedTaskIDs.isEmpty)
        await cluster.fail(with: nil)
        #expect(await trip.resumeTracking(retryEvery: .milliseconds(1), attempts: 3) == 1)
        trip.stopAll()
        // Without a token nothing is followed, so there is nothing to look up.
        let silent = roundTrip(cluster, github: nil)
        #expect(await silent.resumeTracking(retryEvery: .milliseconds(1), attempts: 1) == 0)
    }

    @Test func aRefusedCommentIsReportedAndTheTaskGoesOn() async throws {
        let cluster = FakeCluster()
        let metrics = BridgeMetrics()
        let github = RecordingGitHub()
        github.state.withLock { $0.refuseCreate = true }
        let trip = roundTrip(cluster, github: github, metrics: metrics)
        let record = try await cluster.submit(TaskSpec(title: "t", description: "d", source: .github))
        trip.track(record, thread: GitHubThread(repository: "acme/widgets", number: 42))
        #expect(await poll { trip.trackedTaskIDs.isEmpty && metrics.githubFailures(kind: "permission") == 1 })
        #expect(await poll { await cluster.alerts.count == 1 })
        let alert = try #require(await cluster.alerts.first)
        #expect(alert.kind == .githubPermission)
        #expect(alert.text.contains("GitHub refused creating a comment on acme/widgets#42 with 403"))
        #expect(alert.text.contains("issues and pull requests: write"))
        #expect(try await cluster.task(id: record.id)?.task.state == .queued, "the task is untouched")
        #expect(metrics.render(brokerUp: true).contains("cluster_bridge_github_failures_total{kind=\"permission\"} 1"))
    }

    /// Polls `condition` for up to five seconds.
    func poll(_ condition: () async -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + .seconds(5)
        while ContinuousClock.now < deadline {
            if await condition() { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return await condition()
    }
}

extension WebhookDecision {
    var broadcastValue: Broadcast? {
        if case .broadcast(let value) = self { return value }
        return nil
    }
}
