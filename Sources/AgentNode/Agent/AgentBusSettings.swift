import Wire

/// How an agent reaches the broker.
public struct AgentBusSettings: Sendable {
    /// Broker ROUTER endpoints in failover order.
    var endpoints: [String]
    /// Broker PUB endpoints (broadcasts); may be empty.
    var subscribe: [String]
    var heartbeatInterval: Duration
    var liveness: Int
    /// Tasks run at once; announced to the broker as the agent's capacity.
    var maxConcurrentTasks: Int
    var security: BusClientSecurity?
    /// How long running tasks may go on after a shutdown is asked for, before they are
    /// stopped and left to the broker to requeue.
    var shutdownGrace: Duration
    /// Resource limits for the runner's process tree; nil is no limit.
    var maxCPUPercent: Double?
    var maxMemoryBytes: Int?

    public init(
        endpoints: [String],
        subscribe: [String] = [],
        heartbeatInterval: Duration = .seconds(1),
        liveness: Int = 3,
        maxConcurrentTasks: Int = 1,
        security: BusClientSecurity? = nil,
        shutdownGrace: Duration = .seconds(10),
        maxCPUPercent: Double? = nil,
        maxMemoryBytes: Int? = nil
    ) {
        self.endpoints = endpoints
        self.subscribe = subscribe
        self.heartbeatInterval = heartbeatInterval
        self.liveness = liveness
        self.maxConcurrentTasks = maxConcurrentTasks
        self.security = security
        self.shutdownGrace = shutdownGrace
        self.maxCPUPercent = maxCPUPercent
        self.maxMemoryBytes = maxMemoryBytes
    }
}
