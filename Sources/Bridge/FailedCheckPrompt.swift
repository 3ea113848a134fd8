/// The prompt of a follow-up that fixes a failed check. Pure.
enum FailedCheckPrompt {
    static func text(failure: CheckFailure, pullRequestURL: String?, round: Int, maxRounds: Int, logTail: String?) -> String {
        var lines: [String] = []
        let commit = failure.headSHA.isEmpty ? "" : " at commit \(failure.headSHA.prefix(12))"
        lines.append("The check `\(failure.name)` ended with `\(failure.conclusion)` on branch `\(failure.branch)`\(commit).")
        if let pullRequestURL { lines.append("Pull request: \(pullRequestURL)") }
        if let url = failure.url { lines.append("Check: \(url)") }
        lines.append("")
        lines.append(
            "Find the cause, fix it on this branch and make the check pass. Keep the change small and about the failure. "
                + "This is fixing round \(round) of at most \(maxRounds).")
        lines.append("")
        if let logTail, !logTail.isEmpty {
            lines.append("The end of the check's log:")
            lines.append("")
            lines.append("```")
            lines.append(logTail)
            lines.append("```")
        } else {
            lines.append("The check's log could not be fetched; run the project's checks yourself to find the failure.")
        }
        return lines.joined(separator: "\n")
    }

    /// The last `count` lines of a log, without the trailing blank ones.
    static func tail(_ log: String, lines count: Int) -> String {
        var lines = log.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while lines.last?.trimmingCharacters(in: .whitespaces).isEmpty == true { lines.removeLast() }
        return lines.suffix(max(1, count)).joined(separator: "\n")
    }
}
