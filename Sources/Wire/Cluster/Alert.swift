/// Something in the cluster that needs a person's attention.
public struct Alert: Codable, Sendable, Hashable {
    /// What went wrong.
    public enum Kind: String, Codable, Sendable, Hashable, CaseIterable {
        /// An agent went silent past its liveness or disconnected.
        case agentDown = "agent_down"
        /// An attempt ran past its timeout.
        case taskTimeout = "task_timeout"
        /// Too many attempts failed recently.
        case errorRate = "error_rate"
        /// An agent crossed a CPU or memory limit.
        case resourceLimit = "resource_limit"
        /// An account hit a usage limit and its agents are paused (a warning), or the
        /// pause was lifted (info).
        case usageLimit = "usage_limit"
        /// An agent registered that cannot run tasks: its runner is missing or not logged in.
        case runnerUnavailable = "runner_unavailable"
        /// The bridge's GitHub token lacks a permission: answers on GitHub are missing (the
        /// tasks themselves go on).
        case githubPermission = "github_permission"
        /// The disk holding the broker's data directory is nearly full.
        case lowDiskSpace = "low_disk_space"
        /// A standby broker took the lease over from the active one (docs/HA.md).
        case brokerTakeover = "broker_takeover"
    }

    /// How urgent it is.
    public enum Severity: String, Codable, Sendable, Hashable, CaseIterable, Comparable {
        case info, warning, critical

        private var rank: Int {
            switch self {
            case .info: 0
            case .warning: 1
            case .critical: 2
            }
        }

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    public var kind: Kind
    public var severity: Severity
    /// One or two sentences saying what happened and what to check.
    public var text: String
    /// The agent concerned, if any.
    public var agent: String?
    /// The task concerned, if any.
    public var taskID: String?

    /// Creates an alert.
    public init(kind: Kind, severity: Severity, text: String, agent: String? = nil, taskID: String? = nil) {
        self.kind = kind
        self.severity = severity
        self.text = text
        self.agent = agent
        self.taskID = taskID
    }

    enum CodingKeys: String, CodingKey {
        case kind, severity, text, agent
        case taskID = "task_id"
    }
}
