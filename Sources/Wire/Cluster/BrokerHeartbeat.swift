/// The broker's periodic sign of life on the `heartbeat` topic.
///
/// Agents treat it like an MDP HEARTBEAT from the broker only for display; liveness is
/// decided on the ROUTER connection.
public struct BrokerHeartbeat: Codable, Sendable, Hashable {
    /// The broker's build version.
    public var version: String
    public var uptimeSeconds: Double
    /// Agents currently registered.
    public var agents: Int
    /// Tasks waiting for an agent.
    public var queuedTasks: Int

    /// Creates a heartbeat.
    public init(version: String, uptimeSeconds: Double, agents: Int, queuedTasks: Int) {
        self.version = version
        self.uptimeSeconds = uptimeSeconds
        self.agents = agents
        self.queuedTasks = queuedTasks
    }

    enum CodingKeys: String, CodingKey {
        case version
        case uptimeSeconds = "uptime_seconds"
        case agents
        case queuedTasks = "queued_tasks"
    }
}
