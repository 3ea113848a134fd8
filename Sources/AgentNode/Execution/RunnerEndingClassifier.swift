import Foundation
import Wire

/// How one run ended: the ending, one line a person understands, and any usage limit.
struct RunnerEndingVerdict: Sendable, Hashable {
    var ending: RunEnding
    /// Why it did not succeed, in one line; nil when it succeeded.
    var reason: String?
    /// Set for `.usageLimited`.
    var usageLimit: UsageLimit?

    /// The task outcome this ending stands for.
    var outcome: TaskResult.Outcome {
        switch ending {
        case .succeeded: .succeeded
        case .usageLimited: .usageLimited
        case .timedOut: .timedOut
        case .cancelled: .cancelled
        default: .failed
        }
    }
}

/// Classifies every ending of a runner once, from its parsed stream and how its process
/// ended. Pure; everything downstream switches on the verdict, never on the runner's text.
///
/// The `result` line is read whatever the exit status: Claude Code exits 1 on every error
/// and still prints it. In order: a usage limit (`api_error: usage_limit_reached`, or a
/// `rejected` rate limit before an error), not logged in (`authentication_failed`, or the
/// CLI's "Not logged in"), the turn limit (`error_max_turns`), the budget
/// (`error_max_budget_usd`), an API error (`api_error_status`), any other error with the
/// CLI's own reason, and success. A success whose process still exited non-zero failed.
/// Refused tool calls do not decide the ending here: whether anything changed does
/// (`RunnerVerdict.nothingChanged`).
enum RunnerEndingClassifier {
    static func classify(
        termination: ProcessTermination, final: RunnerFinalResult?, signals: RunnerSignals, command: String,
        timeout: Duration
    ) -> RunnerEndingVerdict {
        switch termination {
        case .failedToStart(let reason):
            return RunnerEndingVerdict(ending: .notStarted, reason: "runner `\(command)` could not start: \(reason)")
        case .timedOut:
            return RunnerEndingVerdict(
                ending: .timedOut,
                reason: "runner `\(command)` timed out after \(CommandLineText.seconds(timeout)); its process group was killed")
        case .cancelled:
            return RunnerEndingVerdict(ending: .cancelled)
        case .exited, .signaled:
            break
        }
        guard let final else {
            switch termination {
            case .exited(0):
                return RunnerEndingVerdict(ending: .succeeded)
            case .exited(let code):
                return RunnerEndingVerdict(ending: .failed, reason: "runner `\(command)` exited with status \(code)")
            case .signaled(let signal):
                return RunnerEndingVerdict(ending: .failed, reason: "runner `\(command)` was killed by signal \(signal)")
            default:
                return RunnerEndingVerdict(ending: .failed)
            }
        }
        let said = oneLine(final.text)
        if let limit = usageLimit(final: final, signals: signals) {
            let when = limit.resetsAt.map { ", until \(UTCText.minute($0))" } ?? ""
            return RunnerEndingVerdict(
                ending: .usageLimited,
                reason: "the Claude account hit its \(describe(kind: limit.kind)) usage limit\(when)"
                    + (said.map { " (Claude Code: \($0))" } ?? ""),
                usageLimit: limit)
        }
        if signals.apiError == "authentication_failed" || final.text.hasPrefix("Not logged in")
            || final.text.localizedCaseInsensitiveContains("invalid api key")
        {
            return RunnerEndingVerdict(
                ending: .notLoggedIn,
                reason: "Claude Code is not logged in on this agent; run `claude setup-token` or set ANTHROPIC_API_KEY"
                    + (said.map { " (Claude Code: \($0))" } ?? ""))
        }
        let own = ownReason(final)
        switch final.subtype {
        case "error_max_turns":
            return RunnerEndingVerdict(
                ending: .maxTurns, reason: "Claude Code stopped at its turn limit" + (own.map { ": \($0)" } ?? ""))
        case "error_max_budget_usd":
            return RunnerEndingVerdict(
                ending: .budgetExceeded, reason: "Claude Code stopped at its spending limit" + (own.map { ": \($0)" } ?? ""))
        default:
            break
        }
        if final.isError, let status = final.apiErrorStatus {
            return RunnerEndingVerdict(
                ending: .apiError, reason: "the Anthropic API answered \(status)" + (own.map { ": \($0)" } ?? ""))
        }
        if final.isError {
            let fallback = final.terminalReason.map { "it stopped with \($0)" } ?? final.subtype.map { "it ended with \($0)" }
            return RunnerEndingVerdict(
                ending: .failed, reason: "Claude Code reported an error: " + (own ?? fallback ?? "no reason given"))
        }
        if case .exited(let code) = termination, code != 0 {
            return RunnerEndingVerdict(
                ending: .failed, reason: "runner `\(command)` exited with status \(code) after reporting success")
        }
        if case .signaled(let signal) = termination {
            return RunnerEndingVerdict(ending: .failed, reason: "runner `\(command)` was killed by signal \(signal)")
        }
        return RunnerEndingVerdict(ending: .succeeded)
    }

    /// The account's usage limit, when the run ended on one.
    static func usageLimit(final: RunnerFinalResult, signals: RunnerSignals) -> UsageLimit? {
        let rejected = signals.rateLimit.flatMap { $0.status == "rejected" ? $0 : nil }
        guard final.apiError == "usage_limit_reached" || (final.isError && rejected != nil) else { return nil }
        return UsageLimit(
            kind: rejected?.kind ?? "unknown",
            resetsAt: rejected?.resetsAt.map { Date(timeIntervalSince1970: $0) },
            message: oneLine(final.text))
    }

    /// The CLI's own words for an error: `errors[]`, else its `result` text.
    static func ownReason(_ final: RunnerFinalResult) -> String? {
        let errors = final.errors.compactMap(oneLine)
        if !errors.isEmpty { return errors.joined(separator: "; ") }
        return oneLine(final.text)
    }

    static func describe(kind: String) -> String {
        switch kind {
        case "five_hour": "5-hour"
        case "seven_day": "weekly"
        case "seven_day_opus": "weekly Opus"
        case "seven_day_sonnet": "weekly Sonnet"
        default: kind.replacingOccurrences(of: "_", with: " ")
        }
    }

    /// `text` on one line, at most 300 characters; nil when blank.
    static func oneLine(_ text: String) -> String? {
        let line = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.joined(separator: " ")
        guard !line.isEmpty else { return nil }
        return line.count > 300 ? String(line.prefix(299)) + "…" : line
    }
}
