import Foundation
import TestSupport
import Testing

/// The console (`/ui`) in real headless Chromium, against a real cluster: broker, bridge
/// with a token, a fast agent and a slow one (the sample runner, paused between its lines).
///
/// Tests/Support/console_browser_test.py drives the browser with Selenium and reports each
/// check; the screenshots of every view are kept in `.build/test-artifacts/console-browser/`
/// (the path is printed), replaced on each run.
@Suite(.serialized, .timeLimit(.minutes(6))) struct ConsoleBrowserTests {
    static let token = "console-browser-token"
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first(where: FileManager.default.isExecutableFile)
    static let chromedriver = ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"].first(where: FileManager.default.isExecutableFile)
    static let missing = "chromium and chromium-driver are not installed (scripts/setup.sh installs them)"

    /// Where the screenshots go: under the build folder, so they outlive the test run.
    static let screenshots = TestEnvironment.repositoryRoot.appendingPathComponent(".build/test-artifacts/console-browser")

    static func makeCluster() throws -> (config: String, httpPort: Int) {
        let runner = SampleClusterFile.runner, arguments = SampleClusterFile.runnerArguments
        // CC02's runner waits 30 s between lines: a task there runs for minutes unless cancelled.
        let file = try SampleClusterFile(
            "console", bridge: ["token: \(token)"],
            agents: [
                "{name: CC01, specialty: frontend}",
                "{name: CC02, specialty: backend, runner: [/usr/bin/env, SAMPLE_RUNNER_DELAY=30, \(runner), \(arguments)]}",
            ])
        return (file.path, file.httpPort)
    }

    @Test(.enabled(if: chromium != nil && chromedriver != nil, "\(missing)"))
    func theConsoleSubmitsFollowsCancelsRetriesAndPausesInABrowser() async throws {
        let cluster = try Self.makeCluster()
        let start = try ChildProcess("cluster", executable: TestEnvironment.clusterExecutable, arguments: ["start", "--config", cluster.config])
        defer { start.signal(SIGKILL) }
        #expect(await start.waitForLine(containing: "HTTP bridge listening") != nil, "cluster did not start: \(start.text)")
        let base = "http://127.0.0.1:\(cluster.httpPort)"
        let registered = await TestEnvironment.eventually(timeout: .seconds(30), every: .milliseconds(200)) {
            let answer = try await curl(["-H", "Authorization: Bearer \(Self.token)", "\(base)/agents/status"]).output
            let report = try JSONSerialization.jsonObject(with: Data(answer.utf8)) as? [String: Any]
            let agents = report?["agents"] as? [[String: Any]] ?? []
            let ready = agents.filter { $0["state"] as? String == "healthy" && $0["runner_problem"] == nil }.compactMap { $0["name"] as? String }
            return Set(ready).isSuperset(of: ["CC01", "CC02"])
        }
        try #require(registered, "the agents did not register: \(start.text)")

        try? FileManager.default.removeItem(at: Self.screenshots)
        let script = TestEnvironment.repositoryRoot.appendingPathComponent("Tests/Support/console_browser_test.py").path
        let browser = try ChildProcess("console-browser", executable: "/usr/bin/env", arguments: [
            "python3", script, "--url", base, "--token", Self.token, "--fast-agent", "CC01", "--slow-agent", "CC02",
            "--screenshots", Self.screenshots.path,
        ])
        let status = await browser.waitForExit(timeout: .seconds(300))
        if status == nil { browser.signal(SIGKILL) }
        print("console screenshots: \(Self.screenshots.path)")
        let line = browser.lines.last { $0.hasPrefix("{\"checks\"") }
        let report = try #require(
            line.flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] },
            "no report from the browser script (exit \(String(describing: status))): \(browser.text)")
        let checks = report["checks"] as? [[String: Any]] ?? []
        for check in checks {
            #expect(check["ok"] as? Bool == true, "\(check["name"] ?? "?"): \(check["detail"] ?? "")")
        }
        let expected = [
            "the page loads with no console error",
            "a task submitted through the form runs live to succeeded",
            "its detail shows the transcript and the branch",
            "a long task is cancelled from its detail",
            "retry opens a new task with the same spec",
            "a paused agent gets no new task until resumed",
            "the task list filters by state and agent and searches titles",
            "the overview charts the last hour",
        ]
        #expect(checks.compactMap { $0["name"] as? String } == expected, "checks run: \(checks)")
        #expect((report["errors"] as? [String])?.isEmpty == true, "console errors: \(report["errors"] ?? "")")
        let shots = (report["screenshots"] as? [String] ?? []).map { URL(fileURLWithPath: $0).lastPathComponent }
        for view in ["overview", "task-detail", "task-cancelled", "agent-paused", "agent", "task-list", "overview-after", "overview-dark"] {
            #expect(shots.contains("\(view).png"), "no screenshot of \(view): \(shots)")
        }
        await start.stop()
    }
}
