import Logging
import Synchronization
import Wire

/// Says when a GitHub call failed: one clear log line per kind of failure and operation
/// (an error for a missing permission, which needs a person, a warning otherwise), every
/// failure counted in `cluster_bridge_github_failures_total`, and a `github_permission`
/// alert through the broker the first time a kind of call is refused for a permission.
/// The task is never touched.
final class GitHubFailureReporter: Sendable {
    private let logger: Logger
    private let metrics: BridgeMetrics
    private let cluster: (any ClusterAPI)?
    private let reported = Mutex<Set<String>>([])

    init(logger: Logger, metrics: BridgeMetrics, cluster: (any ClusterAPI)? = nil) {
        self.logger = logger
        self.metrics = metrics
        self.cluster = cluster
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
            if first, let cluster {
                let alert = Alert(kind: .githubPermission, severity: .warning, text: "\(error)", taskID: taskID)
                let logger = self.logger
                Task {
                    do {
                        try await cluster.raiseAlert(alert)
                    } catch {
                        logger.warning("the alert about GitHub's refusal could not be raised: \(error)")
                    }
                }
            }
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
