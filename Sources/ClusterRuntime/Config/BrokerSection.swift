/// `broker:` — the central router's sockets, heartbeats, task policy and routing.
public struct BrokerSection: Codable, Sendable, Equatable {
    public var bind: String
    public var publish: String
    public var heartbeatMs: Int
    public var liveness: Int
    /// How long a worker whose connection closed may take to come back before its work is
    /// requeued, in milliseconds (0: at once).
    public var disconnectGraceMs: Int
    /// How long a plain MDP request waits for a worker of its service.
    public var requestExpirySeconds: Double
    public var tasks: TaskPolicySection
    public var routing: RoutingSection
    /// How accounts that hit a usage limit are paused and resumed.
    public var usageLimits: UsageLimitsSection
    /// Retention and size caps of the task journal.
    public var journal: JournalSection
    /// Alert delivery (webhook, hook) and the low-disk threshold.
    public var alerts: AlertsSection

    public init(
        bind: String = "tcp://127.0.0.1:5555",
        publish: String = "tcp://127.0.0.1:5556",
        heartbeatMs: Int = 1000,
        liveness: Int = 3,
        disconnectGraceMs: Int = 200,
        requestExpirySeconds: Double = 60,
        tasks: TaskPolicySection = .init(),
        routing: RoutingSection = .init(),
        usageLimits: UsageLimitsSection = .init(),
        journal: JournalSection = .init(),
        alerts: AlertsSection = .init()
    ) {
        self.bind = bind
        self.publish = publish
        self.heartbeatMs = heartbeatMs
        self.liveness = liveness
        self.disconnectGraceMs = disconnectGraceMs
        self.requestExpirySeconds = requestExpirySeconds
        self.tasks = tasks
        self.routing = routing
        self.usageLimits = usageLimits
        self.journal = journal
        self.alerts = alerts
    }

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

    public init(from decoder: any Decoder) throws {
        let d = BrokerSection()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        bind = try c.decodeIfPresent(String.self, forKey: .bind) ?? d.bind
        publish = try c.decodeIfPresent(String.self, forKey: .publish) ?? d.publish
        heartbeatMs = try c.decodeIfPresent(Int.self, forKey: .heartbeatMs) ?? d.heartbeatMs
        liveness = try c.decodeIfPresent(Int.self, forKey: .liveness) ?? d.liveness
        disconnectGraceMs = try c.decodeIfPresent(Int.self, forKey: .disconnectGraceMs) ?? d.disconnectGraceMs
        requestExpirySeconds = try c.decodeIfPresent(Double.self, forKey: .requestExpirySeconds) ?? d.requestExpirySeconds
        tasks = try c.decodeIfPresent(TaskPolicySection.self, forKey: .tasks) ?? d.tasks
        routing = try c.decodeIfPresent(RoutingSection.self, forKey: .routing) ?? d.routing
        usageLimits = try c.decodeIfPresent(UsageLimitsSection.self, forKey: .usageLimits) ?? d.usageLimits
        journal = try c.decodeIfPresent(JournalSection.self, forKey: .journal) ?? d.journal
        alerts = try c.decodeIfPresent(AlertsSection.self, forKey: .alerts) ?? d.alerts
    }
}

/// `broker.tasks:` — timeouts and retries of durable tasks.
public struct TaskPolicySection: Codable, Sendable, Equatable {
    public var defaultTimeoutSeconds: Double
    public var maxAttempts: Int
    public var retryBaseMs: Int
    public var retryCapMs: Int

    public init(defaultTimeoutSeconds: Double = 1800, maxAttempts: Int = 3, retryBaseMs: Int = 2000, retryCapMs: Int = 60_000) {
        self.defaultTimeoutSeconds = defaultTimeoutSeconds
        self.maxAttempts = maxAttempts
        self.retryBaseMs = retryBaseMs
        self.retryCapMs = retryCapMs
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case defaultTimeoutSeconds = "default_timeout_s"
        case maxAttempts = "max_attempts"
        case retryBaseMs = "retry_base_ms"
        case retryCapMs = "retry_cap_ms"
    }

    public init(from decoder: any Decoder) throws {
        let d = TaskPolicySection()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        defaultTimeoutSeconds = try c.decodeIfPresent(Double.self, forKey: .defaultTimeoutSeconds) ?? d.defaultTimeoutSeconds
        maxAttempts = try c.decodeIfPresent(Int.self, forKey: .maxAttempts) ?? d.maxAttempts
        retryBaseMs = try c.decodeIfPresent(Int.self, forKey: .retryBaseMs) ?? d.retryBaseMs
        retryCapMs = try c.decodeIfPresent(Int.self, forKey: .retryCapMs) ?? d.retryCapMs
    }
}

/// `broker.routing:` — which specialty gets a task that names none.
public struct RoutingSection: Codable, Sendable, Equatable {
    /// `round_robin`, `least_loaded` or `affinity`.
    public var balancing: String
    public var defaultSpecialty: String
    /// Specialty to keywords matched as words in a task's type, labels and title.
    public var rules: [String: [String]]?

    public init(balancing: String = "least_loaded", defaultSpecialty: String = "backend", rules: [String: [String]]? = nil) {
        self.balancing = balancing
        self.defaultSpecialty = defaultSpecialty
        self.rules = rules
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case balancing
        case defaultSpecialty = "default_specialty"
        case rules
    }

    public init(from decoder: any Decoder) throws {
        let d = RoutingSection()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        balancing = try c.decodeIfPresent(String.self, forKey: .balancing) ?? d.balancing
        defaultSpecialty = try c.decodeIfPresent(String.self, forKey: .defaultSpecialty) ?? d.defaultSpecialty
        rules = try c.decodeIfPresent([String: [String]].self, forKey: .rules)
    }
}
