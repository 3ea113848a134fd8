import Testing
import Wire
@testable import AgentNode

@Suite("RunnerVerdict: how the runner ended becomes the result")
struct RunnerVerdictTests {
    func report(_ termination: ProcessTermination, final: RunnerFinalResult? = nil, lastText: String? = nil, stderr: String = "") -> RunnerReport {
        RunnerReport(termination: termination, finalResult: final, lastText: lastText, transcriptTail: "", stderrTail: stderr, elapsed: .milliseconds(1500))
    }

    @Test func successUsesTheResultLine() {
        let final = RunnerFinalResult(text: "Done.", isError: false, subtype: "success", costUSD: 0.2, durationMs: 900, turns: 3, sessionID: "s")
        let result = RunnerVerdict.result(for: report(.exited(0), final: final), command: "claude", timeout: .seconds(60))
        #expect(result.outcome == .succeeded)
        #expect(result.summary == "Done.")
        #expect(result.costUSD == 0.2 && result.durationMs == 900 && result.turns == 3 && result.sessionID == "s")
        #expect(result.transcript == nil)
    }

    @Test func successWithoutResultLineUsesLastTextAndWallTime() {
        let result = RunnerVerdict.result(for: report(.exited(0), lastText: "ok"), command: "make", timeout: .seconds(60))
        #expect(result.outcome == .succeeded && result.summary == "ok" && result.durationMs == 1500)
    }

    @Test func failures() {
        let exit = RunnerVerdict.result(for: report(.exited(2), stderr: "a\nb\n"), command: "claude", timeout: .seconds(60))
        #expect(exit.outcome == .failed && exit.exitStatus == 2)
        #expect(exit.error == "runner `claude` exited with status 2\nstderr:\na\nb")
        let signal = RunnerVerdict.result(for: report(.signaled(9)), command: "claude", timeout: .seconds(60))
        #expect(signal.exitStatus == 137 && signal.error == "runner `claude` was killed by signal 9")
        let start = RunnerVerdict.result(for: report(.failedToStart("nope")), command: "claude", timeout: .seconds(60))
        #expect(start.outcome == .failed && start.error == "runner `claude` could not start: nope")
        let timeout = RunnerVerdict.result(for: report(.timedOut), command: "claude", timeout: .seconds(90))
        #expect(timeout.outcome == .timedOut && timeout.error?.contains("timed out after 90 s") == true)
        let cancelled = RunnerVerdict.result(for: report(.cancelled), command: "claude", timeout: .seconds(90))
        #expect(cancelled.outcome == .cancelled)
    }

    @Test func assignmentTimeoutFallsBackToTheDefault() {
        #expect(TaskExecutor.timeout(seconds: 2.5, default: .seconds(9)) == .milliseconds(2500))
        #expect(TaskExecutor.timeout(seconds: 0, default: .seconds(9)) == .seconds(9))
        #expect(TaskExecutor.timeout(seconds: .nan, default: .seconds(9)) == .seconds(9))
        #expect(TaskExecutor.timeout(seconds: -1, default: .seconds(9)) == .seconds(9))
    }

    @Test func theAgentsOwnLimitCapsWhatTheAssignmentAllows() {
        #expect(TaskExecutor.timeout(seconds: 3600, default: .seconds(9), limit: .seconds(600)) == .seconds(600))
        #expect(TaskExecutor.timeout(seconds: 60, default: .seconds(9), limit: .seconds(600)) == .seconds(60))
        #expect(TaskExecutor.timeout(seconds: 0, default: .seconds(900), limit: .seconds(600)) == .seconds(600))
    }
}
