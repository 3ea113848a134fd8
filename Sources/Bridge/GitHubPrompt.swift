/// Writes the task description (the runner's prompt) for a GitHub trigger.
enum GitHubPrompt {
    /// The triggering text first, then the issue or pull request it belongs to.
    static func text(trigger: GitHubTrigger, noun: String, repository: String?) -> String {
        let item = trigger.item
        let place = repository.map { " in \($0)" } ?? ""
        let heading = "GitHub \(noun) #\(item.number.map(String.init) ?? "?")\(place): \(item.title ?? "(no title)")"
        var parts: [String] = []
        if let comment = trigger.comment {
            var request = "Request from @\(comment.user?.login ?? "unknown") in a comment on \(heading)"
            if let url = comment.htmlURL { request += "\n\(url)" }
            if let path = comment.path { request += "\nOn file \(path)" + (comment.line.map { ", line \($0)" } ?? "") }
            if let hunk = comment.diffHunk, !hunk.isEmpty { request += "\n```diff\n\(hunk)\n```" }
            parts.append(request + "\n\n" + (comment.body ?? ""))
            parts.append("The \(noun) reads:\n\n" + (item.body ?? "(empty)"))
        } else {
            var request = heading
            if let url = item.htmlURL { request += "\n\(url)" }
            parts.append(request + "\n\n" + (item.body ?? "(empty)"))
        }
        return parts.joined(separator: "\n\n---\n\n")
    }
}
