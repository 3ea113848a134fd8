/// Where on GitHub a task answers: the issue or pull request of its tracking comment, and
/// what to react to.
struct GitHubThread: Sendable, Hashable {
    /// `owner/name`.
    var repository: String
    /// The issue or pull request number.
    var number: Int
    /// What gets the 👀 reaction; nil when nothing should (a review, a failed check).
    var reaction: GitHubReactionTarget?

    /// The thread of a delivery that started a task, when it names a repository and a number.
    init?(event: String, payload: GitHubPayload) {
        guard let repository = payload.repository?.fullName,
              let number = (payload.issue ?? payload.pullRequest)?.number
        else { return nil }
        self.repository = repository
        self.number = number
        switch event {
        case "issue_comment": reaction = payload.comment?.id.map { .issueComment(id: $0) }
        case "pull_request_review_comment": reaction = payload.comment?.id.map { .reviewComment(id: $0) }
        case "issues": reaction = .issue(number: number)
        default: reaction = nil
        }
    }

    init(repository: String, number: Int, reaction: GitHubReactionTarget? = nil) {
        self.repository = repository
        self.number = number
        self.reaction = reaction
    }
}
