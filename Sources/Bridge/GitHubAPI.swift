/// The GitHub REST calls the bridge makes; `GitHubRESTClient` makes them over HTTP.
///
/// `repository` is always `owner/name`. Failures are thrown as `GitHubAPIError`.
protocol GitHubAPI: Sendable {
    /// Posts a comment on an issue or pull request; returns the comment's id.
    func createComment(repository: String, number: Int, body: String) async throws(GitHubAPIError) -> Int
    /// Replaces the text of an issue or pull request comment.
    func editComment(repository: String, commentID: Int, body: String) async throws(GitHubAPIError)
    /// The first comments (up to 100) of an issue or pull request.
    func comments(repository: String, number: Int) async throws(GitHubAPIError) -> [GitHubComment]
    /// Adds a reaction (`eyes`, `+1`, …) to an issue, an issue comment or a review comment.
    func addReaction(repository: String, to target: GitHubReactionTarget, content: String) async throws(GitHubAPIError)
    /// The plain-text log of a GitHub Actions job (a check run of Actions has the job's id).
    func jobLog(repository: String, jobID: Int) async throws(GitHubAPIError) -> String
    /// The jobs of a workflow run (its latest attempt).
    func workflowJobs(repository: String, runID: Int) async throws(GitHubAPIError) -> [GitHubCheck]
    /// The check runs of a check suite.
    func suiteCheckRuns(repository: String, suiteID: Int) async throws(GitHubAPIError) -> [GitHubCheck]
}

/// An issue or pull request comment as the bridge reads it back.
struct GitHubComment: Decodable, Sendable, Hashable {
    var id: Int
    var body: String?
}

/// A job of a workflow run, or a check run of a suite: enough to find the failed one and its log.
struct GitHubCheck: Decodable, Sendable, Hashable {
    var id: Int
    var name: String?
    var conclusion: String?
    var output: GitHubPayload.CheckOutput?
}

/// What a reaction is added to.
enum GitHubReactionTarget: Sendable, Hashable {
    /// The issue or pull request itself (an issue opened or labelled).
    case issue(number: Int)
    /// A comment on an issue or on a pull request's conversation.
    case issueComment(id: Int)
    /// A comment on a line of a pull request's diff.
    case reviewComment(id: Int)

    /// The REST path below `/repos/{repository}`.
    var path: String {
        switch self {
        case .issue(let number): "issues/\(number)/reactions"
        case .issueComment(let id): "issues/comments/\(id)/reactions"
        case .reviewComment(let id): "pulls/comments/\(id)/reactions"
        }
    }
}
