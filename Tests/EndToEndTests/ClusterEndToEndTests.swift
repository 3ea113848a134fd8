import Foundation
import TestSupport
import Testing
import Wire

/// The whole product as a user runs it: `claude-cluster start` with a config, tasks
/// through the CLI and the HTTP bridge, `status`, and `stop`.
@Suite(.serialized, .timeLimit(.minutes(3))) struct ClusterEndToEndTests {
    struct Cluster {
        var root: URL
        var config: String
        var origin: String
        var routerPort: Int
        var httpPort: Int
        var cli: String { TestEnvironment.clusterExecutable }
        var bus: [String] { ["--config", config] }
    }

    static func makeCluster(hooksDirectory: URL? = nil, runner: String? = nil, maxAttempts: Int = 3) throws -> Cluster {
        let root = try TestEnvironment.temporaryDirectory("e2e")
        let origin = try GitFixtures.makeOrigin(in: root)
        let ports = try (0..<3).map { _ in try TestEnvironment.freePort() }
        let runner = runner ?? TestEnvironment.repositoryRoot.appendingPathComponent("scripts/sample-runner").path
        let config = root.appendingPathComponent("cluster.yaml").path
        try """
        cluster:
          data_dir: \(root.appendingPathComponent("data").path)
        broker:
          bind: tcp://127.0.0.1:\(ports[0])
          publish: tcp://127.0.0.1:\(ports[1])
          tasks: {max_attempts: \(maxAttempts)}
        bridge:
          listen: 127.0.0.1:\(ports[2])
        agent_defaults:
          runner: [\(runner), -p, "{prompt}", --output-format, stream-json, --verbose]
          repository: \(origin)
          pull_request_command: []
        \(hooksDirectory.map { "  hooks_dir: \($0.path)" } ?? "")
        agents:
          - {name: CC01, specialty: frontend}
          - {name: CC02, specialty: backend}
          - {name: CC03, specialty: infra}
        """.write(toFile: config, atomically: true, encoding: .utf8)
        return Cluster(root: root, config: config, origin: origin, routerPort: ports[0], httpPort: ports[2])
    }

    /// Processes whose command line mentions `fragment` (the cluster's temp folder).
    static func processes(mentioning fragment: String) -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { entry -> String? in
            guard let pid = Int32(entry), pid != getpid(),
                  let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline") else { return nil }
            let line = String(decoding: data.map { $0 == 0 ? 32 : $0 }, as: UTF8.self)
            return line.contains(fragment) ? "\(pid): \(line)" : nil
        }
    }

    @Test func startTaskStatusHTTPAndStop() async throws {
        let cluster = try Self.makeCluster()
        let start = try ChildProcess("cluster", executable: cluster.cli, arguments: ["start", "--config", cluster.config])
        // A failed expectation below must not leave the cluster running.
        defer { start.signal(SIGKILL) }
        #expect(await start.waitForLine(containing: "HTTP bridge listening") != nil, "cluster did not start: \(start.text)")

        // status lists the three agents once they have registered.
        var status = ""
        let registered = await TestEnvironment.eventually(timeout: .seconds(30), every: .milliseconds(200)) {
            status = try await runCommand(cluster.cli, ["status"] + cluster.bus).output
            return ["CC01", "CC02", "CC03"].allSatisfy { status.contains($0) } && !status.contains("offline")
        }
        #expect(registered, "status: \(status)")

        // The original's task JSON goes to CC01 (frontend) and --wait follows it to the end.
        let task = #"{"type":"frontend_development","priority":"normal","title":"Add a footer component","description":"Create a responsive footer","requirements":["responsive"]}"#
        let submitted = try await runCommand(cluster.cli, ["task", task, "--wait"] + cluster.bus)
        #expect(submitted.status == 0, "task --wait: \(submitted.output)")
        #expect(submitted.output.contains("succeeded (agent CC01)"), "task --wait: \(submitted.output)")
        #expect(submitted.output.contains("[tool_use]"), "no progress shown: \(submitted.output)")
        let taskID = try #require(submitted.output.split(separator: "\n").first?.split(separator: " ").dropFirst().first.map(String.init))
        #expect(try GitFixtures.branches(of: cluster.origin).contains("cc01/\(taskID)"))

        // The same cluster over HTTP: POST /task, the SSE stream, GET /tasks/{id}.
        let base = "http://127.0.0.1:\(cluster.httpPort)"
        // Sent with an Idempotency-Key, so a retry after a lost answer is the same task.
        var post: (status: Int32?, output: String) = (nil, "")
        var acceptedJSON: [String: Any]?
        for _ in 0..<3 where acceptedJSON?["task_id"] == nil {
            post = try await runCommand("/usr/bin/env", [
                "curl", "-sS", "--max-time", "20", "-X", "POST", "\(base)/task", "-H", "content-type: application/json",
                "-H", "Idempotency-Key: e2e-health-endpoint",
                "-d", #"{"type":"api","title":"Add a health endpoint","description":"GET /health"}"#,
            ])
            acceptedJSON = (try? JSONSerialization.jsonObject(with: Data(post.output.utf8))) as? [String: Any]
        }
        let httpTaskID = try #require(acceptedJSON?["task_id"] as? String,
                                      "POST /task: curl exit \(String(describing: post.status)), output \(post.output); cluster: \(start.text)")
        let stream = try await curl(["-N", "\(base)/tasks/\(httpTaskID)/events"]).output
        #expect(stream.contains("event: progress"), "SSE stream: \(stream)")
        #expect(stream.contains("event: result"), "SSE stream: \(stream)")
        if let progress = stream.range(of: "event: progress"), let result = stream.range(of: "event: result") {
            #expect(progress.lowerBound < result.lowerBound)
        }
        var detail = ""
        #expect(await TestEnvironment.eventually(timeout: .seconds(60), every: .milliseconds(200)) {
            detail = try await curl(["\(base)/tasks/\(httpTaskID)"]).output
            return detail.contains("\"succeeded\"")
        }, "GET /tasks/id: \(detail)")
        #expect(detail.contains("CC02"), "an api task should run on the backend agent: \(detail)")

        // stop ends everything with exit code 0 and leaves no process behind.
        let stopped = try await runCommand(cluster.cli, ["stop"] + cluster.bus)
        #expect(stopped.status == 0, "stop: \(stopped.output)")
        #expect(await start.waitForExit(timeout: .seconds(30)) == 0, "cluster output: \(start.text)")
        #expect(Self.processes(mentioning: cluster.root.path).isEmpty, "left behind: \(Self.processes(mentioning: cluster.root.path))")
    }

    @Test func broadcastsReachHooksAndAgentsAnswerEachOther() async throws {
        let hooks = try TestEnvironment.temporaryDirectory("hooks")
        let received = hooks.appendingPathComponent("received.jsonl").path
        let hook = hooks.appendingPathComponent("on-agent-message")
        try "#!/bin/sh\ncat >> \(received)\necho >> \(received)\n".write(to: hook, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hook.path)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hooks.path)
        let cluster = try Self.makeCluster(hooksDirectory: hooks)
        let start = try ChildProcess("cluster", executable: cluster.cli, arguments: ["start", "--config", cluster.config])
        defer { start.signal(SIGKILL) }
        #expect(await start.waitForLine(containing: "HTTP bridge listening") != nil, "cluster did not start: \(start.text)")
        #expect(await TestEnvironment.eventually(timeout: .seconds(30), every: .milliseconds(200)) {
            try await runCommand(cluster.cli, ["status", "--json"] + cluster.bus).output.components(separatedBy: "\"healthy\"").count == 4
        })

        // A broadcast to one specialty reaches that agent's on-agent-message hook only.
        let sent = try await runCommand(cluster.cli, ["broadcast", "Deploy freeze until noon", "--to", "frontend"] + cluster.bus)
        #expect(sent.status == 0, "\(sent.output)")
        #expect(sent.output.contains("sent to 1 agent"), "\(sent.output)")
        #expect(await TestEnvironment.eventually { (try? String(contentsOfFile: received, encoding: .utf8))?.contains("Deploy freeze until noon") == true })
        let hookInput = try String(contentsOfFile: received, encoding: .utf8)
        #expect(hookInput.contains("\"on-agent-message\""), "\(hookInput)")
        #expect(hookInput.contains("\"CC01\""), "\(hookInput)")

        // `ask` (what a runner calls from its worktree) gets the backend agent's answer on stdout.
        let answer = try await runCommand(cluster.cli, ["ask", "--to", "backend", "Which port does the API use?"] + cluster.bus)
        #expect(answer.status == 0, "\(answer.output)")
        #expect(answer.output.contains("Recorded"), "the sample runner's answer: \(answer.output)")

        await start.stop()
    }

    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// The status page renders the agents in a real headless browser (Debian's chromium;
    /// skipped where it is not installed).
    @Test(.enabled(if: chromium != nil)) func statusPageShowsTheAgentsInABrowser() async throws {
        let cluster = try Self.makeCluster()
        let start = try ChildProcess("cluster", executable: cluster.cli, arguments: ["start", "--config", cluster.config])
        defer { start.signal(SIGKILL) }
        #expect(await start.waitForLine(containing: "HTTP bridge listening") != nil, "cluster did not start: \(start.text)")
        var dom = ""
        let rendered = await TestEnvironment.eventually(timeout: .seconds(60), every: .milliseconds(500)) {
            dom = try await runCommand(Self.chromium!, [
                "--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=3000", "--dump-dom",
                "http://127.0.0.1:\(cluster.httpPort)/ui",
            ]).output
            return ["CC01", "CC02", "CC03"].allSatisfy(dom.contains)
        }
        #expect(rendered, "the page did not show the agents: \(dom.prefix(2000))")
        await start.stop()
    }

    @Test func aMissingRunnerShowsInStatusAndFailsTasksWithItsMessage() async throws {
        let cluster = try Self.makeCluster(runner: "/nonexistent/claude", maxAttempts: 1)
        let start = try ChildProcess("cluster", executable: cluster.cli, arguments: ["start", "--config", cluster.config])
        defer { start.signal(SIGKILL) }
        #expect(await start.waitForLine(containing: "HTTP bridge listening") != nil, "cluster did not start: \(start.text)")
        var status = ""
        #expect(await TestEnvironment.eventually(timeout: .seconds(30), every: .milliseconds(200)) {
            status = try await runCommand(cluster.cli, ["status"] + cluster.bus).output
            return status.components(separatedBy: "/nonexistent/claude").count == 4
        }, "status: \(status)")
        let submitted = try await runCommand(cluster.cli, ["submit", "--title", "Fix the login form", "--type", "frontend", "--wait"] + cluster.bus)
        #expect(submitted.status == 5, "\(submitted.output)")
        #expect(submitted.output.contains("/nonexistent/claude"), "\(submitted.output)")
        await start.stop()
    }

    @Test func configCheckNamesTheBrokenKey() async throws {
        let cluster = try Self.makeCluster()
        let good = try await runCommand(cluster.cli, ["config", "check", cluster.config])
        #expect(good.status == 0, "\(good.output)")
        let broken = cluster.root.appendingPathComponent("broken.yaml").path
        try "broker:\n  heartbeat_ms: fast\n".write(toFile: broken, atomically: true, encoding: .utf8)
        let result = try await runCommand(cluster.cli, ["config", "check", broken])
        #expect(result.status == 64, "\(result.output)")
        #expect(result.output.contains("\(broken): broker.heartbeat_ms: expected a whole number"), "\(result.output)")
    }

    @Test func clientCommandsSayWhenNoBrokerAnswers() async throws {
        let port = try TestEnvironment.freePort()
        let result = try await runCommand(TestEnvironment.clusterExecutable, ["status", "--broker", "tcp://127.0.0.1:\(port)", "--timeout", "0.5"])
        #expect(result.status == 3, "\(result.output)")
        #expect(result.output.contains("is the broker running?"), "\(result.output)")
    }
}
