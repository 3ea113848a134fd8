/// The commit an agent makes for a task: title, description, trailers. Pure.
enum CommitMessage {
    /// `<title>\n\n<description>\n\nAgent: CC01\nTask-ID: <id>`.
    static func text(title: String, description: String, agent: String, taskID: String) -> String {
        let subjectLine = title.split(whereSeparator: \.isNewline).first.map { String($0).trimmingWhitespace() } ?? ""
        var subject = subjectLine.isEmpty ? "Task \(taskID)" : subjectLine
        if subject.count > 100 { subject = String(subject.prefix(99)) + "…" }
        var parts = [subject]
        let body = description.trimmingWhitespace()
        if !body.isEmpty, body != subjectLine { parts.append(body) }
        parts.append("Agent: \(agent)\nTask-ID: \(taskID)")
        return parts.joined(separator: "\n\n") + "\n"
    }
}
