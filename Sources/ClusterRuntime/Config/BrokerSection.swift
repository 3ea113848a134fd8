/// `broker:` — the central router's sockets, heartbeats, task policy and routing.
public struct BrokerSection: Codable, Sendable, Equatable {
    public var bind: String = "tcp://127.0.0.1:5555"
    public var publish: String = "tcp://127.0.0.1:5556"
    public var heartbeatMs: Int = 1000
    public var liveness: Int = 3
    /// How long a worker whose connection closed may take to come back before its work is
    /// requeued, in milliseconds (0: at once).
    public var disconnectGraceMs: Int = 200
    /// How long a plain MDP request waits for a worker of its service.
    public var requestExpirySeconds: Double = 60
    public var tasks: TaskPolicySection = .init()
    public var routing: RoutingSection = .init()
    /// How accounts that hit a usage limit are paused and resumed.
    public var usageLimits: UsageLimitsSection = .init()
    /// Retention and size caps of the task journal.
    public var journal: JournalSection = .init()
    /// Alert delivery (webhook, hook) and the low-disk threshold.
    public var alerts: AlertsSection = .init()

    /// Every field at its default.
    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable {
        case bind, publish
        case heartbeatMs = "heartbeat_ms"
        case liveness
        case disconnectGraceMs = "disconnect_grace_ms"
        case requestExpirySeconds = "request_expiry_s"
        case tasks, routing
        case usageLimits = "usage_limits"
        case journal, alerts
    }
}

/// `broker.tasks:` — timeouts and retries of durable tasks.
public struct TaskPolicySection: Codable, Sendable, Equatable {
    public var defaultTimeoutSeconds: Double = 1800
    public var maxAttempts: Int = 3
    public var retryBaseMs: Int = 2000
    public var retryCapMs: Int = 60_000

    /// Every field at its default.
    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable {
        case defaultTimeoutSeconds = "default_timeout_s"
        case maxAttempts = "max_attempts"
        case retryBaseMs = "retry_base_ms"
        case retryCapMs = "retry_cap_ms"
    }
}

/// `broker.routing:` — which specialty gets a task that names none.
public struct RoutingSection: Codable, Sendable, Equatable {
    /// `round_robin`, `least_loaded` or `affinity`.
    public var balancing: String = "least_loaded"
    public var defaultSpecialty: String = "backend"
    /// Specialty to keywords matched as words in a task's type, labels and title.
    public var rules: [String: [String]]?

    /// Every field at its default.
    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable {
        case balancing
        case defaultSpecialty = "default_specialty"
        case rules
    }
}
