import Foundation

/// One agent in depth: its status, the tasks it runs now, the last ones it finished and
/// what its work cost. The answer of `mmi.agent.get`, `mmi.agent.pause` and
/// `mmi.agent.resume`, and of the bridge's `GET /agents/{name}`.
public struct AgentDetail: Codable, Sendable, Hashable {
    /// How many finished tasks ``recent`` holds at most.
    public static let recentLimit = 20

    /// The agent's entry as `mmi.agents` lists it (offline for an agent that is not
    /// connected).
    public var status: AgentStatus
    /// The tasks the broker has assigned to the agent and not seen finish.
    public var running: [TaskRecord]
    /// The agent's last finished tasks (at most ``recentLimit``), newest first.
    public var recent: [TaskRecord]
    /// What every attempt the agent ran cost, in US dollars, as the journal holds them
    /// (0 when none reported a cost).
    public var totalCostUSD: Double

    /// Creates a detail.
    public init(status: AgentStatus, running: [TaskRecord] = [], recent: [TaskRecord] = [], totalCostUSD: Double = 0) {
        self.status = status
        self.running = running
        self.recent = recent
        self.totalCostUSD = totalCostUSD
    }

    /// The agent's name.
    public var name: String { status.name }

    enum CodingKeys: String, CodingKey {
        case name, specialty, specialties, state, pause, paused, capacity, load, running, recent, account
        case totalCostUSD = "total_cost_usd"
        case limitedUntil = "limited_until"
        case limitKind = "limit_kind"
        case status
    }

    /// Writes the flat fields a page or a script reads first (`name`, `state`, `pause`,
    /// `limited_until` as null when there is no limit, ...) and the whole `status`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(status.name, forKey: .name)
        try container.encode(status.specialty, forKey: .specialty)
        try container.encode(status.specialties, forKey: .specialties)
        try container.encode(status.state, forKey: .state)
        try container.encode(status.pause, forKey: .pause)
        try container.encode(status.paused, forKey: .paused)
        try container.encode(status.capacity, forKey: .capacity)
        try container.encode(status.load, forKey: .load)
        try container.encode(running, forKey: .running)
        try container.encode(recent, forKey: .recent)
        try container.encode(totalCostUSD, forKey: .totalCostUSD)
        try container.encode(status.limitedUntil, forKey: .limitedUntil)
        try container.encodeIfPresent(status.limitKind, forKey: .limitKind)
        try container.encodeIfPresent(status.account, forKey: .account)
        try container.encode(status, forKey: .status)
    }

    /// Reads what ``encode(to:)`` writes; the flat fields repeat `status` and are not read.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        status = try container.decode(AgentStatus.self, forKey: .status)
        running = try container.decode([TaskRecord].self, forKey: .running)
        recent = try container.decode([TaskRecord].self, forKey: .recent)
        totalCostUSD = try container.decode(Double.self, forKey: .totalCostUSD)
    }
}

/// Names an agent: the payload of `mmi.agent.get` and `mmi.agent.resume`.
public struct AgentReference: Codable, Sendable, Hashable {
    /// The agent's name; matched without regard to case.
    public var agent: String

    /// Creates a reference.
    public init(agent: String) {
        self.agent = agent
    }
}

/// The payload of `mmi.agent.pause`.
public struct AgentPauseRequest: Codable, Sendable, Hashable {
    /// The agent's name; matched without regard to case.
    public var agent: String
    /// Drain rather than pause: the same stop of new work, reported as `draining` until
    /// the agent's running tasks have ended, then `paused`.
    public var drain: Bool

    /// Creates a request.
    public init(agent: String, drain: Bool = false) {
        self.agent = agent
        self.drain = drain
    }

    enum CodingKeys: String, CodingKey { case agent, drain }

    /// `drain` may be left out (false).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        agent = try container.decode(String.self, forKey: .agent)
        drain = try container.decodeIfPresent(Bool.self, forKey: .drain) ?? false
    }
}
