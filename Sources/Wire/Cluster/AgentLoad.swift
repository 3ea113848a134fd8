/// What an agent is doing and using: the optional JSON frame after a worker HEARTBEAT.
public struct AgentLoad: Codable, Sendable, Hashable, VersionedBody {
    public var v: Int = 1
    /// Tasks whose runner is alive on the agent right now.
    public var runningTaskIDs: [String]
    /// CPU use of the agent's runners, in percent of one core (may exceed 100).
    public var cpuPercent: Double
    /// Resident memory of the agent's runners, in bytes.
    public var rssBytes: Int
    /// True while CPU use is above the agent's configured limit.
    public var overCPULimit: Bool
    /// True while memory use is above the agent's configured limit.
    public var overMemoryLimit: Bool

    /// Creates a load report.
    public init(
        runningTaskIDs: [String] = [],
        cpuPercent: Double = 0,
        rssBytes: Int = 0,
        overCPULimit: Bool = false,
        overMemoryLimit: Bool = false
    ) {
        self.runningTaskIDs = runningTaskIDs
        self.cpuPercent = cpuPercent
        self.rssBytes = rssBytes
        self.overCPULimit = overCPULimit
        self.overMemoryLimit = overMemoryLimit
    }

    enum CodingKeys: String, CodingKey {
        case v
        case runningTaskIDs = "running_task_ids"
        case cpuPercent = "cpu_percent"
        case rssBytes = "rss_bytes"
        case overCPULimit = "over_cpu_limit"
        case overMemoryLimit = "over_memory_limit"
    }
}
