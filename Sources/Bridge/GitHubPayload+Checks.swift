extension GitHubPayload {
    /// A pull request as a check event lists it: its number and branches.
    struct CheckPullRequest: Decodable, Sendable, Hashable {
        var number: Int?
        var head: BranchRef?
    }

    /// What a check run wrote about itself (apps other than Actions put their log here).
    struct CheckOutput: Decodable, Sendable, Hashable {
        var title: String?
        var summary: String?
        var text: String?
    }

    /// `check_run.check_suite`: where the branch of a check run is named.
    struct CheckSuiteReference: Decodable, Sendable, Hashable {
        var id: Int?
        var headBranch: String?

        enum CodingKeys: String, CodingKey {
            case id
            case headBranch = "head_branch"
        }
    }

    /// The app that ran a check suite (`GitHub Actions`, a CI service).
    struct App: Decodable, Sendable, Hashable {
        var name: String?
    }

    /// `check_run` in a `check_run` delivery. For GitHub Actions its id is the job's id.
    struct CheckRun: Decodable, Sendable, Hashable {
        var id: Int?
        var name: String?
        var headSHA: String?
        var status: String?
        var conclusion: String?
        var htmlURL: String?
        var output: CheckOutput?
        var checkSuite: CheckSuiteReference?
        var pullRequests: [CheckPullRequest]?

        enum CodingKeys: String, CodingKey {
            case id, name, status, conclusion, output
            case headSHA = "head_sha"
            case htmlURL = "html_url"
            case checkSuite = "check_suite"
            case pullRequests = "pull_requests"
        }
    }

    /// `check_suite` in a `check_suite` delivery.
    struct CheckSuite: Decodable, Sendable, Hashable {
        var id: Int?
        var headBranch: String?
        var headSHA: String?
        var conclusion: String?
        var app: App?
        var pullRequests: [CheckPullRequest]?

        enum CodingKeys: String, CodingKey {
            case id, conclusion, app
            case headBranch = "head_branch"
            case headSHA = "head_sha"
            case pullRequests = "pull_requests"
        }
    }

    /// `workflow_run` in a `workflow_run` delivery.
    struct WorkflowRun: Decodable, Sendable, Hashable {
        var id: Int?
        var name: String?
        var headBranch: String?
        var headSHA: String?
        var conclusion: String?
        var htmlURL: String?
        var pullRequests: [CheckPullRequest]?

        enum CodingKeys: String, CodingKey {
            case id, name, conclusion
            case headBranch = "head_branch"
            case headSHA = "head_sha"
            case htmlURL = "html_url"
            case pullRequests = "pull_requests"
        }
    }
}
