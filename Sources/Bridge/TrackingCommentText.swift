import Foundation
import Wire

/// The Markdown of a tracking comment. Pure: the same view gives the same text, so an
/// unchanged view never causes an edit.
enum TrackingCommentText {
    /// The hidden first line that ties a comment to its task, so a bridge that restarts
    /// finds the comment it posted instead of posting a second one.
    static func marker(taskID: String) -> String { "<!-- claude-code-cluster:task:\(taskID) -->" }

    static func body(_ view: TrackingCommentView) -> String {
        let record = view.record
        var lines = [marker(taskID: record.id)]
        lines.append(headline(view))
        lines.append("")
        var facts = ["Task `\(record.id)`"]
        if let link = view.link { facts.append("[follow it on the bridge](\(link))") }
        if record.attempts > 1 { facts.append("attempt \(record.attempts) of \(record.maxAttempts)") }
        lines.append(facts.joined(separator: " · "))
        switch view.stage {
        case .accepted, .running, .retrying:
            if !view.steps.isEmpty {
                lines.append("")
                lines.append("Latest steps:")
                lines.append(contentsOf: view.steps.map { "- \($0)" })
            }
        case .succeeded:
            lines.append("")
            if let url = record.result?.pullRequestURL {
                lines.append("Pull request: \(url)")
            } else if let branch = record.result?.branch {
                lines.append("Branch: `\(branch)` (no pull request was opened)")
            } else {
                lines.append("No changes were needed.")
            }
            if let summary = record.result?.summary.trimmingCharacters(in: .whitespacesAndNewlines), !summary.isEmpty {
                lines.append("")
                lines.append(quoted(String(summary.prefix(1_500))))
            }
        case .failed:
            lines.append("")
            lines.append("Reason: \(failureReason(record))")
            lines.append("")
            lines.append("Comment `\(view.retryPhrase) retry` on the issue to run it again.")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func headline(_ view: TrackingCommentView) -> String {
        let record = view.record
        let who = worker(record)
        switch view.stage {
        case .accepted:
            return record.agent == nil ? "⏳ Queued for \(who)." : "⏳ \(who) is on it."
        case .running:
            return "🔄 \(who) is working on it."
        case .retrying:
            return "🔁 An attempt failed (\(failureReason(record))); \(who) will try again."
        case .succeeded:
            return "✅ \(who) finished\(costAndTime(record))."
        case .failed:
            return "❌ The task \(verb(record.state))\(costAndTime(record))."
        }
    }

    /// `CC01 (frontend)`, the specialty while no agent has it, or `an agent`.
    private static func worker(_ record: TaskRecord) -> String {
        switch (record.agent, record.specialty) {
        case (let agent?, let specialty?): "\(agent) (\(specialty))"
        case (let agent?, nil): agent
        case (nil, let specialty?): "a \(specialty) agent"
        case (nil, nil): "an agent"
        }
    }

    private static func verb(_ state: TaskState) -> String {
        switch state {
        case .timedOut: "timed out"
        case .cancelled: "was cancelled"
        case .deadLettered: "failed on every attempt"
        default: "failed"
        }
    }

    /// ` in 1m 12s for $0.42`, from what is known.
    private static func costAndTime(_ record: TaskRecord) -> String {
        var text = ""
        if let started = record.startedAt, let finished = record.finishedAt, finished >= started {
            text += " in \(duration(finished.timeIntervalSince(started)))"
        } else if let milliseconds = record.result?.durationMs {
            text += " in \(duration(Double(milliseconds) / 1000))"
        }
        if let cost = record.totalCostUSD ?? record.result?.costUSD {
            text += " for $\(String(format: "%.2f", cost))"
        }
        return text
    }

    static func duration(_ seconds: TimeInterval) -> String {
        let whole = Int(seconds.rounded())
        if whole < 60 { return "\(whole)s" }
        if whole < 3600 { return "\(whole / 60)m \(whole % 60)s" }
        return "\(whole / 3600)h \(whole % 3600 / 60)m"
    }

    private static func failureReason(_ record: TaskRecord) -> String {
        let text = record.error ?? record.result?.error ?? record.result?.summary ?? "no reason was reported"
        let line = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? text
        return String(line.prefix(300))
    }

    private static func quoted(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { "> \($0)" }.joined(separator: "\n")
    }
}
