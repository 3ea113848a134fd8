/// Why a GitHub API call failed, worded for the person who configures the token.
enum GitHubAPIError: Error, Sendable, Hashable, CustomStringConvertible {
    /// GitHub answered with an error status.
    case refused(operation: String, status: Int, message: String)
    /// GitHub could not be reached or did not answer in time.
    case unreachable(operation: String, reason: String)
    /// GitHub answered 2xx with a body the bridge cannot read.
    case unreadable(operation: String, reason: String)

    /// True when the token is missing a permission (or the repository is hidden from it):
    /// retrying will not help until someone changes the token.
    var isPermissionProblem: Bool {
        if case .refused(_, let status, _) = self { return status == 401 || status == 403 || status == 404 }
        return false
    }

    var description: String {
        switch self {
        case .refused(let operation, let status, let message):
            let hint: String
            switch status {
            case 401: hint = " The token is wrong or expired: set bridge.github.token."
            case 403, 404:
                hint = " The token may lack a permission: it needs issues and pull requests: write, checks and actions: read on this repository."
            default: hint = ""
            }
            return "GitHub refused \(operation) with \(status): \(message).\(hint)"
        case .unreachable(let operation, let reason):
            return "GitHub did not answer \(operation): \(reason). Check bridge.github.api_url and the network."
        case .unreadable(let operation, let reason):
            return "GitHub's answer to \(operation) could not be read: \(reason)"
        }
    }
}
