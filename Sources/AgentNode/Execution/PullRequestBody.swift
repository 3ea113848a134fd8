import Wire

/// The pull request an agent opens: body sections and where its URL is. Pure.
enum PullRequestBody {
    /// The body: the runner's summary, then `## Changes`, `## Task Information`, `## Test Results`.
    static func text(
        summary: String, diffStat: String, taskID: String, agent: String, specialty: String,
        spec: TaskSpec, runnerText: String?
    ) -> String {
        var lines: [String] = []
        let intro = summary.trimmingWhitespace()
        if !intro.isEmpty {
            lines.append(intro)
            lines.append("")
        }
        if let closing = closingLine(for: spec) {
            lines.append(closing)
            lines.append("")
        }
        lines.append("## Changes")
        lines.append("")
        lines.append("```")
        lines.append(diffStat.trimmingWhitespace().isEmpty ? "(no diff stat)" : diffStat.trimmingWhitespace())
        lines.append("```")
        lines.append("")
        lines.append("## Task Information")
        lines.append("")
        lines.append("- Task ID: \(taskID)")
        lines.append("- Agent: \(agent) (\(specialty))")
        lines.append("- Type: \(spec.type)")
        lines.append("- Priority: \(spec.priority.rawValue)")
        lines.append("- Issue: \(spec.issueURL.flatMap { $0.isEmpty ? nil : $0 } ?? "none")")
        if !spec.requirements.isEmpty {
            lines.append("- Requirements:")
            lines.append(contentsOf: spec.requirements.map { "  - \($0)" })
        }
        lines.append("")
        lines.append("## Test Results")
        lines.append("")
        lines.append(testResults(in: runnerText) ?? "not run")
        return lines.joined(separator: "\n") + "\n"
    }

    /// `Closes #N` for a task made from GitHub issue N, so merging the pull request closes
    /// the issue. Pull request comments and failed checks close nothing.
    static func closingLine(for spec: TaskSpec) -> String? {
        guard spec.source == .github, spec.metadata["github.kind"] == "issue",
              let number = spec.metadata["github.number"].flatMap(Int.init), number > 0
        else { return nil }
        return "Closes #\(number)"
    }

    /// The `Test Results` (or `Tests`) section of the runner's final text, if it wrote one.
    static func testResults(in text: String?) -> String? {
        guard let text else { return nil }
        var collected: [String] = []
        var inside = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            let heading = headingTitle(line)
            if inside {
                if heading != nil { break }
                collected.append(line)
            } else if let heading, ["test results", "tests", "testing", "test result"].contains(heading) {
                inside = true
            }
        }
        let section = collected.joined(separator: "\n").trimmingWhitespace()
        return section.isEmpty ? nil : section
    }

    /// The lower-cased title of a Markdown heading (`## X`, `**X**`, `X:` alone), else nil.
    private static func headingTitle(_ line: String) -> String? {
        var text = line.trimmingWhitespace()
        if text.hasPrefix("#") {
            text = String(text.drop(while: { $0 == "#" }))
        } else if text.hasPrefix("**"), text.hasSuffix("**"), text.count > 4 {
            text = String(text.dropFirst(2).dropLast(2))
        } else {
            return nil
        }
        text = text.trimmingWhitespace()
        if text.hasSuffix(":") { text.removeLast() }
        return text.lowercased()
    }

    /// The last line of the command's output that looks like a URL.
    static func url(in output: String) -> String? {
        output.split(whereSeparator: \.isNewline)
            .map { String($0).trimmingWhitespace() }
            .last { ($0.hasPrefix("https://") || $0.hasPrefix("http://")) && !$0.contains(" ") }
    }
}
