import Foundation
import TestSupport
import Testing
import Wire
@testable import AgentNode

@Suite("Hooks")
struct HookTests {
    /// Writes an executable hook script.
    static func writeHook(_ name: String, in directory: URL, _ script: String, mode: Int = 0o755) throws {
        let url = directory.appendingPathComponent(name)
        try Data(("#!/bin/sh\n" + script + "\n").utf8).write(to: url)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: url.path)
    }

    static func hooksDirectory(in temp: TemporaryDirectory) throws -> URL {
        let directory = temp.path("hooks")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: directory.path)
        return directory
    }

    @Test func taskHooksFireInOrderWithJSONAndEnvironment() async throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let hooks = try Self.hooksDirectory(in: temp)
        let log = temp.path("hooks.log").path
        let record = "printf '%s|%s|%s|%s|%s\\n' \"$CLUSTER_EVENT\" \"$CLUSTER_AGENT\" \"$CLUSTER_TASK_ID\" \"$CLUSTER_TASK_TITLE\" \"$CLUSTER_PROGRESS_KIND\" >> \(log)"
        try Self.writeHook("on-task-received", in: hooks, record + "\ncat > \(temp.path("received.json").path)")
        try Self.writeHook("on-progress-update", in: hooks, record)
        try Self.writeHook("on-task-complete", in: hooks, record + "\ncat > \(temp.path("complete.json").path)\necho \"$CLUSTER_OUTCOME $CLUSTER_PR_URL\" > \(temp.path("complete.env").path)")
        try Self.writeHook("on-error", in: hooks, record)

        let harness = try await ExecutorHarness(hooks: hooks)
        defer { harness.temp.remove() }
        let (result, updates) = try await harness.run()
        #expect(result.outcome == .succeeded)

        let lines = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(lines.first == "on-task-received|CC01|TASK-42|Add a health endpoint|")
        #expect(lines.last == "on-task-complete|CC01|TASK-42|Add a health endpoint|")
        let progress = lines.dropFirst().dropLast()
        #expect(progress.count == updates.count)
        #expect(progress.allSatisfy { $0.hasPrefix("on-progress-update|CC01|TASK-42|") })
        #expect(Array(progress.map { $0.split(separator: "|", omittingEmptySubsequences: false).last.map(String.init) ?? "" })
            == updates.map(\.kind.rawValue))

        let received = try JSONSerialization.jsonObject(with: Data(contentsOf: temp.path("received.json"))) as? [String: Any]
        #expect(received?["event"] as? String == "on-task-received")
        #expect(received?["agent"] as? String == "CC01")
        #expect(received?["specialty"] as? String == "backend")
        let task = received?["task"] as? [String: Any]
        #expect(task?["id"] as? String == "TASK-42")
        #expect((task?["spec"] as? [String: Any])?["title"] as? String == "Add a health endpoint")

        let complete = try JSONSerialization.jsonObject(with: Data(contentsOf: temp.path("complete.json"))) as? [String: Any]
        let completeResult = complete?["result"] as? [String: Any]
        #expect(completeResult?["outcome"] as? String == "succeeded")
        #expect(completeResult?["pr_url"] as? String == "https://github.com/example/project/pull/42")
        let env = try String(contentsOf: temp.path("complete.env"), encoding: .utf8)
        #expect(env == "succeeded https://github.com/example/project/pull/42\n")
    }

    @Test func failedTaskFiresOnErrorNotComplete() async throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let hooks = try Self.hooksDirectory(in: temp)
        let log = temp.path("hooks.log").path
        try Self.writeHook("on-task-complete", in: hooks, "echo complete >> \(log)")
        try Self.writeHook("on-error", in: hooks, "echo \"error $CLUSTER_OUTCOME\" >> \(log)")
        let harness = try await ExecutorHarness(mode: "fail", hooks: hooks)
        defer { harness.temp.remove() }
        let (result, _) = try await harness.run()
        #expect(result.outcome == .failed)
        #expect(try String(contentsOfFile: log, encoding: .utf8) == "error failed\n")
    }

    @Test func hangingHookTimesOutWithoutFailingTheTask() async throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let hooks = try Self.hooksDirectory(in: temp)
        let pidFile = temp.path("hook.pid").path
        try Self.writeHook("on-task-received", in: hooks, "echo $$ > \(pidFile)\nexec sleep 300")
        try Self.writeHook("on-task-complete", in: hooks, "touch \(temp.path("completed").path)")
        var harness = try await ExecutorHarness(hooks: hooks)
        defer { harness.temp.remove() }
        harness.settings.hookTimeout = .milliseconds(400)

        let clock = ContinuousClock()
        let started = clock.now
        let (result, _) = try await harness.run()
        #expect(result.outcome == .succeeded)
        // The hook sleeps 300 s: well under that means the timeout cut it short. The bound
        // is loose because a loaded 2-core run of the whole suite once took 27 s here.
        #expect(clock.now - started < .seconds(120))
        #expect(FileManager.default.fileExists(atPath: temp.path("completed").path))
        let pid = try #require(Int32(try String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(await TestEnvironment.eventually(timeout: .seconds(5)) { !isAlive(pid) })
    }

    @Test func nonExecutableHookIsSkippedAndMissingHooksAreFine() async throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let hooks = try Self.hooksDirectory(in: temp)
        try Self.writeHook("on-task-received", in: hooks, "touch \(temp.path("ran").path)", mode: 0o644)
        let harness = try await ExecutorHarness(hooks: hooks)
        defer { harness.temp.remove() }
        let (result, _) = try await harness.run()
        #expect(result.outcome == .succeeded)
        #expect(!FileManager.default.fileExists(atPath: temp.path("ran").path))
    }

    @Test func writableHooksDirectoryIsRejected() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let hooks = try Self.hooksDirectory(in: temp)
        try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: hooks.path)
        #expect(throws: HookDirectoryError.writableByOthers(path: hooks.path, mode: 0o40777)) {
            try HookRunner(directory: hooks, agent: "CC01", specialty: "backend", logger: quietLogger())
        }
        let settings = AgentSettings(
            name: "CC01", specialty: "backend", workspaceRoot: temp.path("ws"), repository: "/nowhere",
            hooksDirectory: hooks, logsDirectory: temp.path("logs"))
        #expect(throws: HookDirectoryError.self) { try TaskExecutor(settings: settings, logger: quietLogger()) }
        let error = HookDirectoryError.writableByOthers(path: hooks.path, mode: 0o40777)
        #expect(error.description.contains("chmod go-w"))
    }

    @Test func missingHooksDirectoryIsRejected() {
        #expect(throws: HookDirectoryError.missing(path: "/nonexistent/hooks")) {
            try HookRunner(directory: URL(fileURLWithPath: "/nonexistent/hooks"), agent: "A", specialty: "b", logger: quietLogger())
        }
    }

    @Test func otherEventsFireThroughTheExecutor() async throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let hooks = try Self.hooksDirectory(in: temp)
        let out = temp.path("limit.txt").path
        try Self.writeHook("on-resource-limit", in: hooks, "echo \"$CLUSTER_EVENT $CLUSTER_DATA_RESOURCE $CLUSTER_MESSAGE\" > \(out)")
        let runner = try HookRunner(directory: hooks, agent: "CC01", specialty: "backend", logger: quietLogger())
        await runner.fire(HookEvent(event: .resourceLimit, message: "CPU at 250%", data: ["resource": "cpu"]))
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "on-resource-limit cpu CPU at 250%\n")
    }

    @Test func environmentNamesAreDocumentedOnes() {
        let spec = TaskSpec(title: "T", description: "D", issueURL: "https://x/1")
        let update = ProgressUpdate(taskID: "X-1", attempt: 2, sequence: 5, kind: .toolUse, message: "Bash: ls", at: Date(timeIntervalSince1970: 0))
        let event = HookEvent(
            event: .progressUpdate, agent: "CC02", specialty: "frontend", at: Date(timeIntervalSince1970: 0),
            task: .init(id: "X-1", attempt: 2, spec: spec), progress: update, message: "a\0b", data: ["github.event": "push"])
        let env = event.environment
        #expect(env["CLUSTER_EVENT"] == "on-progress-update")
        #expect(env["CLUSTER_AGENT"] == "CC02")
        #expect(env["CLUSTER_SPECIALTY"] == "frontend")
        #expect(env["CLUSTER_AT"] == "1970-01-01T00:00:00Z")
        #expect(env["CLUSTER_TASK_ID"] == "X-1")
        #expect(env["CLUSTER_TASK_ATTEMPT"] == "2")
        #expect(env["CLUSTER_TASK_TITLE"] == "T")
        #expect(env["CLUSTER_TASK_ISSUE_URL"] == "https://x/1")
        #expect(env["CLUSTER_PROGRESS_KIND"] == "tool_use")
        #expect(env["CLUSTER_PROGRESS_SEQUENCE"] == "5")
        #expect(env["CLUSTER_PROGRESS_MESSAGE"] == "Bash: ls")
        #expect(env["CLUSTER_MESSAGE"] == "ab")
        #expect(env["CLUSTER_DATA_GITHUB_EVENT"] == "push")
        #expect(env["CLUSTER_OUTCOME"] == nil)
    }
}
