/// The parts of a GitHub webhook payload the bridge reads; everything else is ignored.
///
/// Every field is optional: GitHub's payloads differ by event, and a delivery missing a
/// field the rules need is ignored with a reason rather than rejected.
struct GitHubPayload: Decodable, Sendable, Hashable {
    var action: String?
    var issue: Issue?
    var pullRequest: Issue?
    var comment: Comment?
    var label: Label?
    var repository: Repository?
    var sender: User?
    /// `ping` only: GitHub's motto of the day.
    var zen: String?
    var hookID: Int?

    enum CodingKeys: String, CodingKey {
        case action, issue
        case pullRequest = "pull_request"
        case comment, label, repository, sender, zen
        case hookID = "hook_id"
    }

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

        enum CodingKeys: String, CodingKey {
            case number, title, body
            case htmlURL = "html_url"
            case labels, user
            case authorAssociation = "author_association"
            case pullRequest = "pull_request"
        }
    }

    /// The `pull_request` object inside an issue: only its presence matters.
    struct PullRequestMarker: Decodable, Sendable, Hashable {
        var htmlURL: String?

        enum CodingKeys: String, CodingKey { case htmlURL = "html_url" }
    }

    /// An issue comment or a pull request review comment.
    struct Comment: Decodable, Sendable, Hashable {
        var body: String?
        var htmlURL: String?
        var user: User?
        var authorAssociation: String?
        /// Review comments: the file and the diff lines commented on.
        var path: String?
        var diffHunk: String?

        enum CodingKeys: String, CodingKey {
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
