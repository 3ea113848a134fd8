import Foundation
import TestSupport
import Testing

/// The way back to GitHub with the whole product: `claude-cluster start` with a bridge whose
/// GitHub API is `Tests/Support/github_standin.py` on loopback, agents running the stand-in
/// `claude` and `gh` fixtures against a local bare origin, and octokit's example deliveries
/// (Tests/Support/octokit) posted to `/webhook`.
@Suite(.serialized, .timeLimit(.minutes(5))) struct GitHubRoundTripEndToEndTests {
    static let repository = "Codertocat/Hello-World"
    static let pullRequestURL = "https://github.com/Codertocat/Hello-World/pull/2"

    /// The stand-in GitHub API.
    struct StandIn {
        var process: ChildProcess
        var base: String

        func calls() async throws -> [[String: Any]] {
            let text = try await curl(["\(base)/_calls"]).output
            return (try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]]) ?? []
        }

        func refuse(method: String, pathContaining fragment: String) async throws {
            _ = try await curl(["-X", "POST", "\(base)/_refuse", "-d", #"{"method":"\#(method)","path_contains":"\#(fragment)"}"#]).output
        }
    }

    static func startStandIn() async throws -> StandIn {
        let script = TestEnvironment.repositoryRoot.appendingPathComponent("Tests/Support/github_standin.py").path
        let child = try ChildProcess("github-standin", executable: TestEnvironment.python, arguments: ["python3", script])
        let line = try #require(await child.waitForLine(containing: "PORT "), "the GitHub stand-in did not start: \(child.text)")
        let port = try #require(Int(line.split(separator: " ").last ?? ""))
        return StandIn(process: child, base: "http://127.0.0.1:\(port)")
    }

    /// An octokit example delivery, changed by `edit`.
    static func delivery(_ name: String, _ edit: (inout [String: Any]) -> Void) throws -> Data {
        let url = TestEnvironment.repositoryRoot.appendingPathComponent("Tests/Support/octokit/\(name).json")
        var json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        edit(&json)
        return try JSONSerialization.data(withJSONObject: json)
    }

    /// Sets `value` at a path of keys (and list indexes) in a JSON object.
    static func set(_ json: inout [String: Any], _ path: [Any], _ value: Any) {
        func assign(_ node: Any, _ path: ArraySlice<Any>) -> Any {
            guard let key = path.first else { return value }
            if var object = node as? [String: Any], let name = key as? String {
                object[name] = assign(object[name] ?? [String: Any](), path.dropFirst())
                return object
            }
            if var list = node as? [Any], let index = key as? Int, list.indices.contains(index) {
                list[index] = assign(list[index], path.dropFirst())
                return list
            }
            return node
        }
        json = assign(json, path[...]) as? [String: Any] ?? json
    }

    static func post(_ body: Data, event: String, delivery: String, to bridge: String, in directory: URL) async throws -> [String: Any] {
        let file = directory.appendingPathComponent("delivery-\(delivery).json")
        try body.write(to: file)
        let output = try await curl([
            "-X", "POST", "\(bridge)/webhook", "-H", "content-type: application/json",
            "-H", "X-GitHub-Event: \(event)", "-H", "X-GitHub-Delivery: \(delivery)", "--data-binary", "@\(file.path)",
        ]).output
        return (try? JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any]) ?? ["unreadable": output]
    }

    static func task(_ id: String, bridge: String) async throws -> [String: Any] {
        let text = try await curl(["\(bridge)/tasks/\(id)"]).output
        let detail = (try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]) ?? [:]
        return detail["task"] as? [String: Any] ?? [:]
    }

    /// Waits for a task to end; returns its record.
    static func finished(_ id: String, bridge: String) async throws -> [String: Any] {
        var record: [String: Any] = [:]
        _ = await TestEnvironment.eventually(timeout: .seconds(90), every: .milliseconds(200)) {
            record = try await task(id, bridge: bridge)
            return ["succeeded", "failed", "dead_lettered", "timed_out", "cancelled"].contains(record["state"] as? String ?? "")
        }
        return record
    }

    static func bodies(_ calls: [[String: Any]], _ method: String, _ path: String) -> [String] {
        calls.filter { $0["method"] as? String == method && ($0["path"] as? String ?? "").hasPrefix(path) }
            .compactMap { ($0["body"] as? [String: Any])?["body"] as? String }
    }

    @Test func issueReviewCommentAndFailedCheckGoBackToGitHub() async throws {
        let root = try TestEnvironment.temporaryDirectory("github-e2e")
        let origin = try GitFixtures.makeOrigin(in: root)
        let github = try await Self.startStandIn()
        defer { github.process.signal(SIGKILL) }
        let ports = try (0..<3).map { _ in try TestEnvironment.freePort() }
        let fixtures = TestEnvironment.repositoryRoot.appendingPathComponent("Tests/AgentNodeTests/Fixtures")
        let config = root.appendingPathComponent("cluster.yaml").path
        try """
        cluster:
          data_dir: \(root.appendingPathComponent("data").path)
        broker:
          bind: tcp://127.0.0.1:\(ports[0])
          publish: tcp://127.0.0.1:\(ports[1])
          tasks: {max_attempts: 1}
        bridge:
          listen: 127.0.0.1:\(ports[2])
          public_url: https://cluster.example.com
          github:
            token: test-token-not-a-secret
            api_url: \(github.base)
            max_fix_rounds: 1
            edit_interval_seconds: 0.3
            poll_interval_seconds: 0.2
        agent_defaults:
          runner: [\(fixtures.appendingPathComponent("claude").path), -p, --output-format, stream-json, --verbose]
          repository: \(origin)
          pull_request_command: [\(fixtures.appendingPathComponent("gh").path), pr, create, --title, "{title}", --body, "{body}", --head, "{branch}", --base, "{base}"]
        agents:
          - {name: CC01, specialty: frontend}
          - {name: CC02, specialty: backend}
          - {name: CC03, specialty: infra}
        """.write(toFile: config, atomically: true, encoding: .utf8)
        let ghLog = root.appendingPathComponent("gh.jsonl").path
        let cluster = try ChildProcess(
            "cluster", executable: TestEnvironment.clusterExecutable, arguments: ["start", "--config", config],
            environment: [
                "FAKE_GH_LOG": ghLog, "FAKE_GH_URL": Self.pullRequestURL, "SAMPLE_RUNNER_DELAY": "0.3",
                // The stand-in `claude` never calls a model; the agent only checks a credential is set.
                "ANTHROPIC_API_KEY": "not-used-by-the-stand-in",
            ])
        defer { cluster.signal(SIGKILL) }
        #expect(await cluster.waitForLine(containing: "HTTP bridge listening") != nil, "cluster did not start: \(cluster.text)")
        var status = ""
        #expect(await TestEnvironment.eventually(timeout: .seconds(30), every: .milliseconds(200)) {
            status = try await runCommand(TestEnvironment.clusterExecutable, ["status", "--config", config]).output
            return ["CC01", "CC02", "CC03"].allSatisfy(status.contains) && !status.contains("offline")
        }, "status: \(status)")
        let bridge = "http://127.0.0.1:\(ports[2])"

        // 1. `@claude` in a comment on issue #1: 👀, one tracking comment, edited to running and to done.
        let issueComment = try Self.delivery("issue_comment.created") { json in
            Self.set(&json, ["comment", "body"], "@claude fix the spelling of 'commit' in the README")
            Self.set(&json, ["repository", "clone_url"], origin)
        }
        let accepted = try await Self.post(issueComment, event: "issue_comment", delivery: "delivery-1", to: bridge, in: root)
        let first = try #require(accepted["task_id"] as? String, "\(accepted)")
        let done = try await Self.finished(first, bridge: bridge)
        #expect(done["state"] as? String == "succeeded", "\(done)")
        let firstResult = try #require(done["result"] as? [String: Any])
        let branch = try #require(firstResult["branch"] as? String)
        #expect(firstResult["pr_url"] as? String == Self.pullRequestURL)
        var calls: [[String: Any]] = []
        #expect(await TestEnvironment.eventually(timeout: .seconds(20), every: .milliseconds(100)) {
            calls = try await github.calls()
            return Self.bodies(calls, "PATCH", "/repos/\(Self.repository)/issues/comments/").contains { $0.contains("✅") }
        }, "the tracking comment never said done: \(calls)")
        let created = Self.bodies(calls, "POST", "/repos/\(Self.repository)/issues/1/comments")
        #expect(created.count == 1, "one tracking comment per task: \(created)")
        #expect(created.first?.contains("Task `\(first)`") == true, "\(created)")
        #expect(created.first?.contains("https://cluster.example.com/ui#\(first)") == true, "\(created)")
        let edits = Self.bodies(calls, "PATCH", "/repos/\(Self.repository)/issues/comments/")
        #expect(edits.contains { $0.contains("is working on it") }, "no edit when it started: \(edits)")
        #expect(edits.last?.contains("Pull request: \(Self.pullRequestURL)") == true, "\(edits)")
        #expect(edits.count <= 2 + 10, "progress edits are bounded: \(edits.count)")
        let reactions = calls.filter { $0["path"] as? String == "/repos/\(Self.repository)/issues/comments/492700400/reactions" }
        #expect(reactions.count == 1 && (reactions.first?["body"] as? [String: Any])?["content"] as? String == "eyes", "\(reactions)")
        #expect(calls.allSatisfy { $0["authorized"] as? Bool == true }, "every call carries the token")
        let prCreate = try String(contentsOfFile: ghLog, encoding: .utf8)
        #expect(prCreate.contains("Closes #1"), "the pull request body: \(prCreate)")

        // 2. The same delivery again changes nothing.
        let callsBefore = try await github.calls().count
        let again = try await Self.post(issueComment, event: "issue_comment", delivery: "delivery-1", to: bridge, in: root)
        #expect(again["duplicate"] as? Bool == true, "\(again)")
        #expect(again["task_id"] as? String == first)
        let listed = try await curl(["\(bridge)/tasks?limit=50"]).output
        #expect(listed.components(separatedBy: "\"source\":\"github\"").count - 1 == 1, "one task: \(listed)")
        #expect(try await github.calls().count == callsBefore, "a redelivery calls GitHub again")

        // 3. `@claude` in a review comment on the pull request: the same branch and pull request.
        let review = try Self.delivery("pull_request_review_comment.created") { json in
            Self.set(&json, ["comment", "body"], "@claude use more emoji on this line")
            Self.set(&json, ["pull_request", "head", "ref"], branch)
            Self.set(&json, ["repository", "clone_url"], origin)
        }
        let commitsBefore = try await Self.commits(on: branch, in: origin)
        let followUp = try await Self.post(review, event: "pull_request_review_comment", delivery: "delivery-2", to: bridge, in: root)
        let second = try #require(followUp["task_id"] as? String, "\(followUp)")
        let secondDone = try await Self.finished(second, bridge: bridge)
        #expect(secondDone["state"] as? String == "succeeded", "\(secondDone)")
        let secondSpec = try #require(secondDone["spec"] as? [String: Any])
        #expect(secondSpec["parent"] as? String == first, "\(secondSpec)")
        let prompt = secondSpec["description"] as? String ?? ""
        #expect(prompt.contains("On file README.md, line"), "\(prompt)")
        #expect(prompt.contains("```diff\n@@ -1 +1 @@"), "\(prompt)")
        let secondResult = try #require(secondDone["result"] as? [String: Any])
        #expect(secondResult["branch"] as? String == branch, "a follow-up pushes to the same branch")
        #expect(secondResult["pr_url"] as? String == Self.pullRequestURL)
        #expect(try await Self.commits(on: branch, in: origin) > commitsBefore, "no new commit on \(branch)")
        #expect(try GitFixtures.branches(of: origin).filter { $0 != "main" } == [branch], "no second branch")
        #expect(await TestEnvironment.eventually(timeout: .seconds(20), every: .milliseconds(100)) {
            calls = try await github.calls()
            return Self.bodies(calls, "PATCH", "/repos/\(Self.repository)/issues/comments/").contains { $0.contains("Task `\(second)`") && $0.contains("✅") }
        }, "the follow-up's comment never said done: \(calls)")
        #expect(Self.bodies(calls, "POST", "/repos/\(Self.repository)/issues/2/comments").count == 1)
        #expect(calls.contains { $0["path"] as? String == "/repos/\(Self.repository)/pulls/comments/284312630/reactions" })

        // 4. A failed check on the branch: a fixing follow-up with the log's tail; then the limit.
        func failedCheck(_ sha: String) throws -> Data {
            try Self.delivery("check_run.completed") { json in
                Self.set(&json, ["check_run", "conclusion"], "failure")
                Self.set(&json, ["check_run", "head_sha"], sha)
                Self.set(&json, ["check_run", "check_suite", "head_branch"], branch)
                Self.set(&json, ["check_run", "pull_requests", 0, "head", "ref"], branch)
            }
        }
        let fix = try await Self.post(try failedCheck("1111111111111111111111111111111111111111"), event: "check_run", delivery: "delivery-3", to: bridge, in: root)
        let third = try #require(fix["task_id"] as? String, "\(fix)")
        let thirdDone = try await Self.finished(third, bridge: bridge)
        #expect(thirdDone["state"] as? String == "succeeded", "\(thirdDone)")
        let thirdSpec = try #require(thirdDone["spec"] as? [String: Any])
        #expect(thirdSpec["parent"] as? String == second, "the latest task on the branch is continued: \(thirdSpec)")
        let fixPrompt = thirdSpec["description"] as? String ?? ""
        #expect(fixPrompt.contains("`Octocoders-linter` ended with `failure`"), "\(fixPrompt)")
        #expect(fixPrompt.contains("XCTAssertTrue failed"), "the log's tail: \(fixPrompt)")
        #expect(!fixPrompt.contains("step 5: building"), "only the tail: \(fixPrompt)")
        #expect((thirdDone["result"] as? [String: Any])?["branch"] as? String == branch)

        let over = try await Self.post(try failedCheck("2222222222222222222222222222222222222222"), event: "check_run", delivery: "delivery-4", to: bridge, in: root)
        #expect(over["task_id"] == nil, "the round limit holds: \(over)")
        #expect((over["ignored"] as? String)?.contains("max_fix_rounds") == true, "\(over)")
        _ = try await Self.post(try failedCheck("3333333333333333333333333333333333333333"), event: "check_run", delivery: "delivery-5", to: bridge, in: root)
        calls = try await github.calls()
        let stops = Self.bodies(calls, "POST", "/repos/\(Self.repository)/issues/2/comments").filter { $0.contains("🛑") }
        #expect(stops.count == 1, "one comment says it stopped: \(stops)")

        // 5. A token without permission to comment: a clear log line, the task unaffected.
        try await github.refuse(method: "POST", pathContaining: "/comments")
        let refused = try Self.delivery("issue_comment.created") { json in
            Self.set(&json, ["comment", "body"], "@claude also fix the title")
            Self.set(&json, ["repository", "clone_url"], origin)
        }
        let unanswered = try await Self.post(refused, event: "issue_comment", delivery: "delivery-6", to: bridge, in: root)
        let fourth = try #require(unanswered["task_id"] as? String, "\(unanswered)")
        #expect(try await Self.finished(fourth, bridge: bridge)["state"] as? String == "succeeded")
        let bridgeLog = root.appendingPathComponent("data/logs/bridge.log").path
        #expect(await TestEnvironment.eventually(timeout: .seconds(10)) {
            (try? String(contentsOfFile: bridgeLog, encoding: .utf8))?.contains("GitHub refused creating a comment on \(Self.repository)#1 with 403") == true
        }, "no log line about the refused comment")
        let routerLog = root.appendingPathComponent("data/logs/router.log").path
        #expect(await TestEnvironment.eventually(timeout: .seconds(10)) {
            (try? String(contentsOfFile: routerLog, encoding: .utf8))?.contains("alert github_permission: GitHub refused creating a comment") == true
        }, "no alert in the broker's log")
        let metrics = try await curl(["\(bridge)/metrics"]).output
        #expect(metrics.contains("cluster_bridge_github_failures_total{kind=\"permission\"}"), "\(metrics)")

        await cluster.stop()
    }

    /// Commits on `branch` in the bare origin.
    static func commits(on branch: String, in origin: String) async throws -> Int {
        let output = try await runCommand("/usr/bin/env", ["git", "-C", origin, "rev-list", "--count", branch]).output
        return Int(output.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    }
}
