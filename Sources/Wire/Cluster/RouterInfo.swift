import Foundation

/// The result of `mmi.info`: what the broker is and how it is doing.
public struct RouterInfo: Codable, Sendable, Hashable {
    /// The broker's build version.
    public var version: String
    public var startedAt: Date
    public var uptimeSeconds: Double
    /// Where the broker's sockets are bound (`tcp://127.0.0.1:5555`).
    public var routerEndpoints: [String]
    public var publisherEndpoints: [String]
    /// Registered workers that sent `AgentInfo`.
    public var agents: Int
    /// Registered plain MDP workers.
    public var plainWorkers: Int
    /// Task counts keyed by `TaskState` raw value (`queued`, `running`, ...).
    public var tasksByState: [String: Int]
    /// Client requests waiting for or held by a worker.
    public var requestsInFlight: Int
    /// Messages dropped because they were not valid MDP or valid bodies.
    public var invalidMessages: Int
    /// Which broker is active and which wait, when brokers share a PostgreSQL journal
    /// (`broker.ha`); nil for a single broker.
    public var leadership: BrokerLeadership?

    /// Creates an info reply.
    public init(
        version: String,
        startedAt: Date,
        uptimeSeconds: Double,
        routerEndpoints: [String],
        publisherEndpoints: [String],
        agents: Int,
        plainWorkers: Int,
        tasksByState: [String: Int],
        requestsInFlight: Int,
        invalidMessages: Int,
        leadership: BrokerLeadership? = nil
    ) {
        self.version = version
        self.startedAt = startedAt
        self.uptimeSeconds = uptimeSeconds
        self.routerEndpoints = routerEndpoints
        self.publisherEndpoints = publisherEndpoints
        self.agents = agents
        self.plainWorkers = plainWorkers
        self.tasksByState = tasksByState
        self.requestsInFlight = requestsInFlight
        self.invalidMessages = invalidMessages
        self.leadership = leadership
    }

    enum CodingKeys: String, CodingKey {
        case version
        case startedAt = "started_at"
        case uptimeSeconds = "uptime_seconds"
        case routerEndpoints = "router_endpoints"
        case publisherEndpoints = "publisher_endpoints"
        case agents
        case plainWorkers = "plain_workers"
        case tasksByState = "tasks_by_state"
        case requestsInFlight = "requests_in_flight"
        case invalidMessages = "invalid_messages"
        case leadership
    }
}
