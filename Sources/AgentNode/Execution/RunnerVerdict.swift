import Wire

/// Turns how the runner ended into the task's result, before anything is committed. Pure.
///
/// The ending is decided once by `RunnerEndingClassifier`; this fills in the result around
/// it: the summary, the one-line error, and what the `result` line counted (cost, turns,
/// tokens, model, session, refused tool calls).
enum RunnerVerdict {
    /// Longest summary kept in a result.
    static let maxSummary = 4000

    static func result(for report: RunnerReport, command: String, timeout: Duration) -> TaskResult {
        let final = report.finalResult
        let verdict = RunnerEndingClassifier.classify(
            termination: report.termination, final: final, signals: report.signals, command: command, timeout: timeout)
        var result = TaskResult(
            outcome: verdict.outcome,
            summary: "",
            costUSD: final?.costUSD,
            durationMs: final?.durationMs ?? milliseconds(report.elapsed),
            turns: final?.turns,
            sessionID: final?.sessionID,
            transcript: report.transcriptTail.isEmpty ? nil : report.transcriptTail,
            ending: verdict.ending,
            usageLimit: verdict.usageLimit,
            usage: final?.usage,
            model: report.signals.model ?? final?.models.first,
            permissionDenials: final.flatMap { $0.permissionDenials.isEmpty ? nil : $0.permissionDenials }
        )
        result.error = verdict.reason
        switch report.termination {
        case .exited(let code): result.exitStatus = code
        case .signaled(let signal): result.exitStatus = 128 + signal
        default: break
        }
        let said = final.map { $0.text.trimmingWhitespace() }.flatMap { $0.isEmpty ? nil : $0 }
        let stderr = CommandLineText.lastLines(report.stderrTail, count: 20)
        switch (verdict.ending, report.termination) {
        case (.succeeded, _):
            result.summary = said ?? report.lastText ?? "The runner finished."
        case (.notStarted, _):
            result.summary = "The runner `\(command)` could not start."
        case (.timedOut, _):
            result.summary = "The runner did not finish within \(CommandLineText.seconds(timeout)) and was stopped."
        case (.cancelled, _):
            result.summary = "The task was cancelled while the runner was working; its process group was killed."
        case (.usageLimited, _):
            result.summary = "Paused: \(verdict.reason ?? "the Claude account hit its usage limit")."
        case (_, .exited(let code)) where final == nil:
            result.summary = "The runner `\(command)` exited with status \(code)."
            if !stderr.isEmpty { result.error = (result.error ?? "") + "\nstderr:\n\(stderr)" }
        case (_, .signaled(let signal)) where final == nil:
            result.summary = "The runner `\(command)` was killed by signal \(signal)."
            if !stderr.isEmpty { result.error = (result.error ?? "") + "\nstderr:\n\(stderr)" }
        default:
            result.summary = said ?? sentence(verdict.reason ?? "Claude Code ended with \(verdict.ending.rawValue)")
        }
        result.summary = cut(result.summary)
        return result
    }

    /// A successful run that changed nothing: when the permission mode refused tool calls,
    /// the refusals are why, and the attempt failed with ending `permission_denied`.
    ///
    /// When some changes did go through despite refusals, the work is published as usual and
    /// the refusals travel in `permissionDenials` for the reviewer; only an attempt that
    /// achieved nothing because of them is a failure.
    static func nothingChanged(_ runnerResult: TaskResult) -> TaskResult {
        var result = runnerResult
        result.changedFiles = false
        guard let denials = result.permissionDenials, !denials.isEmpty else {
            result.summary = cut(
                "No changes were made, so nothing was committed and no pull request was opened. " + result.summary)
            return result
        }
        result.outcome = .failed
        result.ending = .permissionDenied
        let first = denials[0] + (denials.count > 1 ? " and \(denials.count - 1) more" : "")
        result.error = "Claude Code's permission mode refused \(denials.count) tool call\(denials.count == 1 ? "" : "s") "
            + "(\(first)) and nothing changed; allow the tools or use permission mode acceptEdits or bypassPermissions"
        result.summary = cut("Nothing changed: the permission mode refused the tool calls the work needed. " + result.summary)
        return result
    }

    /// `text` as a sentence: a capital first letter and a closing full stop.
    static func sentence(_ text: String) -> String {
        let capitalised = text.prefix(1).uppercased() + text.dropFirst()
        return capitalised.hasSuffix(".") ? capitalised : capitalised + "."
    }

    static func cut(_ text: String) -> String {
        text.count > maxSummary ? String(text.prefix(maxSummary - 1)) + "…" : text
    }

    static func milliseconds(_ duration: Duration) -> Int {
        Int(duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000)
    }
}
