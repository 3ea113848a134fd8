import Foundation
import TestSupport
import Testing
import Wire
@testable import AgentNode

@Suite("TaskRunner")
struct TaskRunnerTests {
    actor Events {
        var all: [StreamEvent] = []
        func add(_ event: StreamEvent) { all.append(event) }
    }

    @Test func streamsTheSampleRunnerAndLogsTheTranscript() async throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let log = temp.path("logs/T-1.log")
        let invocation = RunnerInvocation(
            executable: Fixtures.sampleRunner, arguments: ["-p", "Task: Demo change", "--output-format", "stream-json"],
            workingDirectory: temp.url, logFile: log, timeout: .seconds(30))
        let events = Events()
        let report = await TaskRunner().run(invocation) { await events.add($0) }
        #expect(report.termination == .exited(0))
        #expect(report.finalResult?.isError == false)
        #expect(report.finalResult?.costUSD == 0)
        #expect(report.finalResult?.sessionID?.isEmpty == false)
        let kinds = await events.all.compactMap { event -> ProgressUpdate.Kind? in
            if case .progress(let kind, _) = event { kind } else { nil }
        }
        #expect(kinds == [.started, .text, .toolUse, .toolResult, .text])
        let changes = try String(contentsOf: temp.path("CHANGES-BY-AGENTS.md"), encoding: .utf8)
        #expect(changes.contains("- Demo change ("))
        let logText = try String(contentsOf: log, encoding: .utf8)
        #expect(logText.hasPrefix("# "))
        #expect(logText.contains("\"type\":\"result\""))
        #expect(logText.contains("runner exited with status 0"))
    }

    @Test func missingExecutableFailsToStart() async throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let report = await TaskRunner().run(
            RunnerInvocation(executable: temp.path("nope").path, arguments: [], workingDirectory: temp.url, timeout: .seconds(5))
        ) { _ in }
        guard case .failedToStart(let reason) = report.termination else {
            Issue.record("expected failedToStart, got \(report.termination)")
            return
        }
        #expect(reason.contains("nope"))
    }

    @Test func timeoutKillsAChildThatKeepsStdoutOpen() async throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let pids = temp.path("pids")
        let invocation = RunnerInvocation(
            executable: Fixtures.claude, arguments: [], workingDirectory: temp.url,
            environment: ["FAKE_CLAUDE_MODE": "hang", "FAKE_CLAUDE_PIDS": pids.path],
            timeout: .milliseconds(800), killGrace: .milliseconds(200))
        let report = await TaskRunner().run(invocation) { _ in }
        #expect(report.termination == .timedOut)
        let recorded = try String(contentsOf: pids, encoding: .utf8).split(separator: " ").compactMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        #expect(recorded.count == 2)
        #expect(await TestEnvironment.eventually(timeout: .seconds(5)) { !recorded.contains(where: isAlive) })
    }
}
