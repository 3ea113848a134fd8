/// The parts of a GitHub webhook payload the bridge reads; everything else is ignored.
///
/// Every field is optional: GitHub's payloads differ by event, and a delivery missing a
/// field the rules need is ignored with a reason rather than rejected.
struct GitHubPayload: Decodable, Sendable, Hashable {
    var action: String?
    var issue: Issue?
    var pullRequest: Issue?
    var comment: Comment?
    /// `pull_request_review`: the review, shaped like a comment (body, author, URL).
    var review: Comment?
    var label: Label?
    var repository: Repository?
    var sender: User?
    /// `ping` only: GitHub's motto of the day.
    var zen: String?
    var hookID: Int?

    enum CodingKeys: String, CodingKey {
        case action, issue
        case pullRequest = "pull_request"
        case comment, review, label, repository, sender, zen
        case hookID = "hook_id"
        case checkRun = "check_run"
        case checkSuite = "check_suite"
        case workflowRun = "workflow_run"
    }

    /// `check_run` deliveries: the check that ran.
    var checkRun: CheckRun?
    /// `check_suite` deliveries: the suite of checks on one commit.
    var checkSuite: CheckSuite?
    /// `workflow_run` deliveries: the GitHub Actions run.
    var workflowRun: WorkflowRun?

    /// An issue or a pull request (they share these fields).
    struct Issue: Decodable, Sendable, Hashable {
        var number: Int?
        var title: String?
        var body: String?
        var htmlURL: String?
        var labels: [Label]?
        var user: User?
        var authorAssociation: String?
        /// Present on an `issue` that is really a pull request.
        var pullRequest: PullRequestMarker?
        /// Pull requests only: the branch the changes are on.
        var head: BranchRef?

        enum CodingKeys: String, CodingKey {
            case number, title, body
            case htmlURL = "html_url"
            case labels, user
            case authorAssociation = "author_association"
            case pullRequest = "pull_request"
            case head
        }
    }

    /// A pull request's `head` or `base`: a branch and its commit.
    struct BranchRef: Decodable, Sendable, Hashable {
        var ref: String?
        var sha: String?
    }

    /// The `pull_request` object inside an issue: only its presence matters.
    struct PullRequestMarker: Decodable, Sendable, Hashable {
        var htmlURL: String?

        enum CodingKeys: String, CodingKey { case htmlURL = "html_url" }
    }

    /// An issue comment or a pull request review comment.
    struct Comment: Decodable, Sendable, Hashable {
        /// GitHub's id of the comment (what reactions are added to).
        var id: Int?
        var body: String?
        var htmlURL: String?
        var user: User?
        var authorAssociation: String?
        /// Review comments: the file and the diff lines commented on.
        var path: String?
        var diffHunk: String?
        /// Review comments: the line of the file commented on (nil on an outdated diff).
        var line: Int?

        enum CodingKeys: String, CodingKey {
            case id, line
            case body
            case htmlURL = "html_url"
            case user
            case authorAssociation = "author_association"
            case path
            case diffHunk = "diff_hunk"
        }
    }

    struct Label: Decodable, Sendable, Hashable {
        var name: String
    }

    struct Repository: Decodable, Sendable, Hashable {
        var fullName: String?
        var cloneURL: String?
        var htmlURL: String?

        enum CodingKeys: String, CodingKey {
            case fullName = "full_name"
            case cloneURL = "clone_url"
            case htmlURL = "html_url"
        }
    }

    struct User: Decodable, Sendable, Hashable {
        var login: String?
        var type: String?

        /// GitHub Apps and their accounts: `type` Bot, or a login such as `dependabot[bot]`.
        var isBot: Bool {
            type?.lowercased() == "bot" || (login?.lowercased().hasSuffix("[bot]") ?? false)
        }
    }
}
