import Foundation
import Testing
import Wire
@testable import AgentNode

/// Each real Claude Code transcript (Fixtures/claude-code) becomes the right ending.
@Suite("RunnerEnding: every real Claude Code ending is classified from its result line")
struct RunnerEndingTests {
    /// The report a run printing `file` and ending with `termination` gives.
    func report(_ file: String, _ termination: ProcessTermination) throws -> RunnerReport {
        let url = Fixtures.directory.appendingPathComponent("claude-code/\(file)")
        var transcript = RunnerTranscript()
        _ = transcript.consume(Array(try Data(contentsOf: url)))
        _ = transcript.finish()
        return RunnerReport(
            termination: termination, finalResult: transcript.finalResult, lastText: transcript.lastText,
            signals: transcript.signals, transcriptTail: "", stderrTail: "", elapsed: .seconds(1))
    }

    func result(_ file: String, _ termination: ProcessTermination) throws -> TaskResult {
        RunnerVerdict.result(for: try report(file, termination), command: "claude", timeout: .seconds(60))
    }

    @Test func successCarriesModelTokensCostAndSession() throws {
        let result = try result("success-acceptEdits.jsonl", .exited(0))
        #expect(result.outcome == .succeeded && result.ending == .succeeded && result.error == nil)
        #expect(result.summary.hasPrefix("Created hello.txt."))
        #expect(result.model == "claude-opus-5-5")
        #expect(result.usage == TokenUsage(inputTokens: 2400, outputTokens: 52))
        #expect(result.costUSD == 0.01064 && result.turns == 2)
        #expect(result.sessionID == "ef251880-e882-4642-8c5d-2ee8720d80f1")
        #expect(result.permissionDenials == nil)
    }

    @Test func maxTurnsGivesTheCLIsOwnReason() throws {
        let result = try result("error-max-turns.jsonl", .exited(1))
        #expect(result.outcome == .failed && result.ending == .maxTurns && result.exitStatus == 1)
        #expect(result.error == "Claude Code stopped at its turn limit: Reached maximum number of turns (1)")
        #expect(result.summary == "Claude Code stopped at its turn limit: Reached maximum number of turns (1).")
        #expect(result.turns == 2 && result.costUSD == 0.0056)
    }

    @Test func budgetExceeded() throws {
        let result = try result("error-max-budget.jsonl", .exited(1))
        #expect(result.outcome == .failed && result.ending == .budgetExceeded)
        #expect(result.error == "Claude Code stopped at its spending limit: Reached maximum budget ($0.001)")
    }

    @Test func usageLimitIsAPauseWithItsResetTime() throws {
        let result = try result("usage-limit-5-hour.jsonl", .exited(1))
        #expect(result.outcome == .usageLimited && result.ending == .usageLimited)
        let limit = try #require(result.usageLimit)
        #expect(limit.kind == "five_hour")
        #expect(limit.resetsAt == Date(timeIntervalSince1970: 1_796_289_481))
        #expect(limit.message == "You've hit your 5-hour limit · resets 9:18am (UTC)")
        let error = try #require(result.error)
        #expect(error.hasPrefix("the Claude account hit its 5-hour usage limit, until 2026-12-03 09:18 UTC"))
        #expect(!error.contains("\n"))
    }

    @Test func usageLimitFromTheAPIErrorParametersAlone() {
        // CLI 2.1.332 offline prints no rate_limit_event; the assistant line carries the same info.
        let lines = [
            #"{"type":"assistant","message":{"model":"<synthetic>","role":"assistant","content":[{"type":"text","text":"You've hit your 5-hour limit"}]},"error":"rate_limit","api_error_status":429,"api_error":"usage_limit_reached","api_error_params":{"rate_limit_info":{"status":"rejected","resetsAt":1796289481,"rateLimitType":"five_hour"}}}"#,
            #"{"type":"result","subtype":"success","is_error":true,"api_error_status":429,"api_error":"usage_limit_reached","result":"You've hit your 5-hour limit","session_id":"s"}"#,
        ]
        var transcript = RunnerTranscript()
        _ = transcript.consume(Array((lines.joined(separator: "\n") + "\n").utf8))
        let report = RunnerReport(
            termination: .exited(1), finalResult: transcript.finalResult, lastText: nil, signals: transcript.signals,
            transcriptTail: "", stderrTail: "", elapsed: .seconds(1))
        let result = RunnerVerdict.result(for: report, command: "claude", timeout: .seconds(60))
        #expect(result.ending == .usageLimited && result.usageLimit?.kind == "five_hour")
        #expect(result.usageLimit?.resetsAt == Date(timeIntervalSince1970: 1_796_289_481))
    }

    @Test func apiErrorsNameTheirStatus() throws {
        let limited = try result("api-rate-limit-429.jsonl", .exited(1))
        #expect(limited.outcome == .failed && limited.ending == .apiError && limited.usageLimit == nil)
        #expect(limited.error?.hasPrefix("the Anthropic API answered 429: API Error: Request rejected (429)") == true)
        let server = try result("api-error-500.jsonl", .exited(1))
        #expect(server.ending == .apiError)
        #expect(server.error?.hasPrefix("the Anthropic API answered 500: API Error: 500 Internal server error") == true)
    }

    @Test func notLoggedInSaysHowToLogIn() throws {
        let result = try result("not-logged-in.jsonl", .exited(1))
        #expect(result.outcome == .failed && result.ending == .notLoggedIn)
        #expect(result.error?.contains("claude setup-token") == true)
        #expect(result.error?.contains("Not logged in · Please run /login") == true)
    }

    @Test func permissionDenialsAreListedAndFailOnlyWhenNothingChanged() throws {
        let result = try result("permission-denied-default-mode.jsonl", .exited(0))
        // The CLI calls it a success; the denials are kept for what comes next.
        #expect(result.outcome == .succeeded)
        #expect(result.permissionDenials == ["Bash: curl -s http://127.0.0.1:1/ ; npm test"])
        let nothing = RunnerVerdict.nothingChanged(result)
        #expect(nothing.outcome == .failed && nothing.ending == .permissionDenied && !nothing.changedFiles)
        #expect(nothing.error?.hasPrefix("Claude Code's permission mode refused 1 tool call (Bash: curl") == true)
        let plain = RunnerVerdict.nothingChanged(try self.result("success-acceptEdits.jsonl", .exited(0)))
        #expect(plain.outcome == .succeeded && plain.ending == .succeeded)
        #expect(plain.summary.hasPrefix("No changes were made"))
    }

    @Test func theResultLineDecidesWhateverTheExitStatus() throws {
        // A success result with a non-zero exit is still a failure, with the status named.
        let odd = try result("success-acceptEdits.jsonl", .exited(2))
        #expect(odd.ending == .failed && odd.error == "runner `claude` exited with status 2 after reporting success")
        // An error result with exit 0 (older CLIs) is classified all the same.
        let old = RunnerFinalResult(text: "", isError: true, subtype: "error_max_turns", turns: 30)
        let report = RunnerReport(
            termination: .exited(0), finalResult: old, lastText: nil, transcriptTail: "", stderrTail: "",
            elapsed: .seconds(1))
        let verdict = RunnerVerdict.result(for: report, command: "claude", timeout: .seconds(60))
        #expect(verdict.ending == .maxTurns && verdict.error == "Claude Code stopped at its turn limit")
    }

    @Test func endingsWithoutAResultLine() {
        func ending(_ termination: ProcessTermination) -> RunEnding? {
            RunnerVerdict.result(
                for: RunnerReport(
                    termination: termination, finalResult: nil, lastText: nil, transcriptTail: "", stderrTail: "",
                    elapsed: .seconds(1)),
                command: "claude", timeout: .seconds(60)
            ).ending
        }
        #expect(ending(.exited(0)) == .succeeded)
        #expect(ending(.exited(3)) == .failed)
        #expect(ending(.signaled(9)) == .failed)
        #expect(ending(.timedOut) == .timedOut)
        #expect(ending(.cancelled) == .cancelled)
        #expect(ending(.failedToStart("missing")) == .notStarted)
    }
}
