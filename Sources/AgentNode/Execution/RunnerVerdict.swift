import Wire

/// Turns how the runner ended into the task's result, before anything is committed. Pure.
enum RunnerVerdict {
    /// Longest summary kept in a result.
    static let maxSummary = 4000

    static func result(for report: RunnerReport, command: String, timeout: Duration) -> TaskResult {
        let final = report.finalResult
        var result = TaskResult(
            outcome: .failed,
            summary: "",
            costUSD: final?.costUSD,
            durationMs: final?.durationMs ?? milliseconds(report.elapsed),
            turns: final?.turns,
            sessionID: final?.sessionID,
            transcript: report.transcriptTail.isEmpty ? nil : report.transcriptTail
        )
        let stderr = CommandLineText.lastLines(report.stderrTail, count: 20)
        let said = final.map { $0.text.trimmingWhitespace() }.flatMap { $0.isEmpty ? nil : $0 }
        switch report.termination {
        case .failedToStart(let reason):
            result.summary = "The runner `\(command)` could not start."
            result.error = "runner `\(command)` could not start: \(reason)"
        case .timedOut:
            result.outcome = .timedOut
            result.summary = "The runner did not finish within \(CommandLineText.seconds(timeout)) and was stopped."
            result.error = "runner `\(command)` timed out after \(CommandLineText.seconds(timeout)); its process group was killed"
        case .cancelled:
            result.outcome = .cancelled
            result.summary = "The task was cancelled while the runner was working; its process group was killed."
        case .exited(0):
            if let final, final.isError {
                result.summary = said ?? "Claude Code reported an error."
                let kind = final.subtype.map { " (\($0))" } ?? ""
                result.error = "Claude Code reported an error\(kind)" + (said.map { ": \($0)" } ?? "")
            } else {
                result.outcome = .succeeded
                result.summary = said ?? report.lastText ?? "The runner finished."
            }
            result.exitStatus = 0
        case .exited(let code):
            result.exitStatus = code
            result.summary = "The runner `\(command)` exited with status \(code)."
            var error = "runner `\(command)` exited with status \(code)"
            if let said { error += "; it said: \(said)" }
            if !stderr.isEmpty { error += "\nstderr:\n\(stderr)" }
            result.error = error
        case .signaled(let signal):
            result.exitStatus = 128 + signal
            result.summary = "The runner `\(command)` was killed by signal \(signal)."
            result.error = "runner `\(command)` was killed by signal \(signal)"
                + (stderr.isEmpty ? "" : "\nstderr:\n\(stderr)")
        }
        result.summary = cut(result.summary)
        return result
    }

    static func cut(_ text: String) -> String {
        text.count > maxSummary ? String(text.prefix(maxSummary - 1)) + "…" : text
    }

    static func milliseconds(_ duration: Duration) -> Int {
        Int(duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000)
    }
}
