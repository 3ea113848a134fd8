/// Everything the broker's state machine is told by configuration, with defaults that
/// match `configs/local.yaml`.
public struct BrokerConfiguration: Sendable, Hashable {
    /// Heartbeat interval and liveness (default 1 s × 3).
    var heartbeat: HeartbeatPolicy
    /// How long a plain request waits for a worker of its service (default 60 s).
    var requestExpiry: Duration
    /// How long a worker may hold one plain request before it is treated as dead
    /// (default 300 s).
    var busyWorkerTimeout: Duration
    /// Plain requests that may wait per service; more are refused (default 10,000).
    var maxWaitingRequestsPerService: Int
    /// A task attempt's time limit when its spec sets none (default 1800 s).
    var taskTimeout: Duration
    /// Extra time past a task's limit before the broker calls it timed out, so the agent's
    /// own timeout and its FINAL arrive first (default 30 s). Also how long a slot held by
    /// a cancelled or timed-out attempt stays reserved for the agent's FINAL at least.
    var taskTimeoutGrace: Duration
    /// Backoff and attempts of failed tasks (default 2 s base, 60 s cap, 3 attempts).
    var retry: RetryPolicy
    /// Deliveries after which a task that keeps losing its agent is dead-lettered
    /// (default 10). Lost deliveries do not use up `retry.maxAttempts`.
    var maxDeliveries: Int
    /// Keyword rules for tasks that name no target (default: `RoutingRule.defaults`).
    var routingRules: [RoutingRule]
    /// The specialty of tasks no rule matches (default `backend`).
    var defaultSpecialty: String
    /// How to choose among agents of one specialty (default least-loaded).
    var balancing: BalancingStrategy
    /// How long restored assigned/running tasks wait for their agent to report them
    /// before they are queued again (default: the heartbeat silence limit, 3 s).
    var recoveryGrace: Duration?
    /// How long a departed agent stays listed as offline in `mmi.agents` (default 600 s).
    var offlineAgentRetention: Duration
    /// How long a worker whose connection closed may take to come back before it is dead
    /// and its work requeued (default 200 ms). Heartbeats still catch silent failures.
    var disconnectGrace: Duration
    /// When to raise the error-rate alert.
    var errorRateAlert: ErrorRateAlertPolicy
    /// How usage-limited accounts are paused and resumed.
    var usageLimits: UsageLimitPolicy
    /// The version reported by `mmi.info` and the broker heartbeat.
    var version: String
    /// Bound endpoints reported by `mmi.info`.
    var routerEndpoints: [String]
    /// Bound publisher endpoints reported by `mmi.info`.
    var publisherEndpoints: [String]

    /// A configuration; every parameter has the documented default.
    public init(
        heartbeat: HeartbeatPolicy = HeartbeatPolicy(),
        requestExpiry: Duration = .seconds(60),
        busyWorkerTimeout: Duration = .seconds(300),
        maxWaitingRequestsPerService: Int = 10_000,
        taskTimeout: Duration = .seconds(1800),
        taskTimeoutGrace: Duration = .seconds(30),
        retry: RetryPolicy = RetryPolicy(),
        maxDeliveries: Int = 10,
        routingRules: [RoutingRule] = RoutingRule.defaults,
        defaultSpecialty: String = "backend",
        balancing: BalancingStrategy = .leastLoaded,
        recoveryGrace: Duration? = nil,
        offlineAgentRetention: Duration = .seconds(600),
        errorRateAlert: ErrorRateAlertPolicy = ErrorRateAlertPolicy(),
        usageLimits: UsageLimitPolicy = UsageLimitPolicy(),
        version: String = "0.1.0",
        routerEndpoints: [String] = [],
        publisherEndpoints: [String] = [],
        disconnectGrace: Duration = .milliseconds(200)
    ) {
        self.heartbeat = heartbeat
        self.requestExpiry = max(requestExpiry, .milliseconds(1))
        self.busyWorkerTimeout = max(busyWorkerTimeout, .milliseconds(1))
        self.maxWaitingRequestsPerService = max(maxWaitingRequestsPerService, 1)
        self.taskTimeout = max(taskTimeout, .milliseconds(1))
        self.taskTimeoutGrace = max(taskTimeoutGrace, .zero)
        self.retry = retry
        self.maxDeliveries = max(maxDeliveries, 1)
        self.routingRules = routingRules
        self.defaultSpecialty = defaultSpecialty.isEmpty ? "backend" : defaultSpecialty
        self.balancing = balancing
        self.recoveryGrace = recoveryGrace.map { max($0, .zero) }
        self.offlineAgentRetention = max(offlineAgentRetention, .zero)
        self.errorRateAlert = errorRateAlert
        self.usageLimits = usageLimits
        self.version = version
        self.routerEndpoints = routerEndpoints
        self.publisherEndpoints = publisherEndpoints
        self.disconnectGrace = max(disconnectGrace, .zero)
    }

    /// The recovery grace in force: the configured one, or liveness × interval.
    var effectiveRecoveryGrace: Duration { recoveryGrace ?? heartbeat.silenceLimit }
}

/// When the broker publishes an `error_rate` alert: more than `threshold` of the attempt
/// outcomes within `window` were failures, over at least `minimumOutcomes` outcomes.
public struct ErrorRateAlertPolicy: Sendable, Hashable {
    /// Fraction of failed outcomes (0...1) above which the alert fires (default 0.5).
    var threshold: Double
    /// The sliding window (default 300 s); the alert fires at most once per window.
    var window: Duration
    /// Outcomes needed in the window before the rate means anything (default 5).
    var minimumOutcomes: Int

    /// A policy; out-of-range values are clamped.
    public init(threshold: Double = 0.5, window: Duration = .seconds(300), minimumOutcomes: Int = 5) {
        self.threshold = threshold.isFinite ? min(max(threshold, 0), 1) : 0.5
        self.window = max(window, .seconds(1))
        self.minimumOutcomes = max(minimumOutcomes, 1)
    }
}
