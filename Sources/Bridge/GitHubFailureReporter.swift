import Logging
import Synchronization

/// Says when a GitHub call failed: one clear log line per kind of failure and operation
/// (an error for a missing permission, which needs a person, a warning otherwise), every
/// failure counted in `cluster_bridge_github_failures_total`. The task is never touched.
final class GitHubFailureReporter: Sendable {
    private let logger: Logger
    private let metrics: BridgeMetrics
    private let reported = Mutex<Set<String>>([])

    init(logger: Logger, metrics: BridgeMetrics) {
        self.logger = logger
        self.metrics = metrics
    }

    /// The metric label of a failure.
    static func kind(_ error: GitHubAPIError) -> String {
        if error.isPermissionProblem { return "permission" }
        switch error {
        case .refused: return "refused"
        case .unreachable: return "unreachable"
        case .unreadable: return "unreadable"
        }
    }

    func report(_ error: GitHubAPIError, taskID: String?) {
        let kind = Self.kind(error)
        metrics.recordGitHubFailure(kind: kind)
        let key: String
        switch error {
        case .refused(let operation, let status, _): key = "\(kind) \(status) \(Self.verb(of: operation))"
        case .unreachable(let operation, _), .unreadable(let operation, _): key = "\(kind) \(Self.verb(of: operation))"
        }
        let first = reported.withLock { $0.insert(key).inserted }
        let metadata: Logger.Metadata = ["task": "\(taskID ?? "-")", "github_failure": "\(kind)"]
        if error.isPermissionProblem {
            logger.error("\(error) The task itself goes on; only the GitHub answer is missing.", metadata: metadata)
        } else if first {
            logger.warning("\(error)", metadata: metadata)
        } else {
            logger.debug("\(error)", metadata: metadata)
        }
    }

    /// The first two words of an operation (`creating a`, `editing comment`): repeated
    /// failures of one kind of call are logged at warning level once.
    private static func verb(of operation: String) -> String {
        operation.split(separator: " ").prefix(2).joined(separator: " ")
    }
}
