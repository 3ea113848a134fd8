import Foundation
import TestSupport
import Wire
@testable import AgentNode

/// A temp workspace with a bare `origin`, the fake claude and the fake gh, for executor tests.
struct ExecutorHarness {
    let temp: TemporaryDirectory
    let origin: URL
    let ghLog: URL
    let pidsFile: URL
    var settings: AgentSettings

    /// Builds everything; `mode` is the fake claude's FAKE_CLAUDE_MODE.
    init(mode: String = "success", hooks: URL? = nil) async throws {
        temp = try TemporaryDirectory()
        origin = try makeOrigin(in: temp)
        ghLog = temp.path("gh.log")
        pidsFile = temp.path("claude.pids")
        settings = AgentSettings(
            name: "CC01",
            specialty: "backend",
            workspaceRoot: temp.path("workspace"),
            repository: origin.path,
            runner: RunnerCommand(template: [Fixtures.claude] + RunnerCommand.claudeCode.template.dropFirst()),
            hooksDirectory: hooks,
            logsDirectory: temp.path("logs"),
            killGracePeriod: .milliseconds(300),
            gitTimeout: .seconds(60),
            pullRequestCommand: [Fixtures.gh] + PullRequestCommand.defaultTemplate.dropFirst(),
            environment: [
                "FAKE_CLAUDE_MODE": mode,
                "FAKE_CLAUDE_PIDS": pidsFile.path,
                "FAKE_GH_LOG": ghLog.path,
            ]
        )
    }

    func executor() throws -> TaskExecutor {
        try TaskExecutor(settings: settings, logger: quietLogger())
    }

    /// An assignment for `taskID` with a title, description and requirements.
    static func assignment(_ taskID: String = "TASK-42", timeout: Double = 60) -> TaskAssignment {
        TaskAssignment(
            taskID: taskID,
            attempt: 1,
            spec: TaskSpec(
                title: "Add a health endpoint",
                description: "Expose GET /health returning 200.",
                type: "backend_development",
                priority: .high,
                requirements: ["returns JSON", "has a test"],
                issueURL: "https://github.com/example/project/issues/7"
            ),
            timeoutSeconds: timeout
        )
    }

    /// Runs one assignment and returns its result and progress.
    func run(_ assignment: TaskAssignment = assignment()) async throws -> (TaskResult, [ProgressUpdate]) {
        let executor = try executor()
        try await executor.prepare()
        let recorder = ProgressRecorder()
        let result = await executor.execute(assignment) { await recorder.record($0) }
        return (result, await recorder.updates)
    }

    /// Branch names in the origin repository.
    func originBranches() async throws -> [String] {
        try GitFixtures.git(["branch", "--format=%(refname:short)"], in: origin)
            .split(separator: "\n").map(String.init)
    }

    /// The `<own pid> <child pid>` the hanging fake claude wrote.
    func runnerPIDs() -> [Int32]? {
        guard let text = try? String(contentsOf: pidsFile, encoding: .utf8) else { return nil }
        let pids = text.split(whereSeparator: \.isWhitespace).compactMap { Int32($0) }
        return pids.count == 2 ? pids : nil
    }

    var worktreesDirectory: URL { settings.workspaceRoot.appendingPathComponent("worktrees") }

    /// The pull request command's recorded calls.
    func ghCalls() throws -> [GHCall] {
        guard let text = try? String(contentsOf: ghLog, encoding: .utf8) else { return [] }
        return try text.split(separator: "\n").map { try JSONDecoder().decode(GHCall.self, from: Data($0.utf8)) }
    }
}

/// One recorded call of the fake gh.
struct GHCall: Decodable {
    var cwd: String
    var args: [String]

    /// The value after `flag`.
    func value(of flag: String) -> String? {
        guard let index = args.firstIndex(of: flag), index + 1 < args.count else { return nil }
        return args[index + 1]
    }
}
