import Foundation

/// One agent as the broker sees it: an element of the `mmi.agents` reply.
public struct AgentStatus: Codable, Sendable, Hashable {
    /// Whether the agent can take work.
    public enum State: String, Codable, Sendable, Hashable, CaseIterable {
        /// Connected, with free capacity.
        case healthy
        /// Connected, every slot in use.
        case busy
        /// Silent past its liveness, disconnected, or its runner cannot start.
        case offline
    }

    /// The agent's name; for a plain MDP worker, its ROUTER identity in hex.
    public var name: String
    /// The READY service.
    public var specialty: String
    /// All specialties from `AgentInfo` (just `specialty` for a plain worker).
    public var specialties: [String]
    public var state: State
    /// When the broker last heard anything from the agent.
    public var lastHeartbeat: Date?
    /// Tasks the broker has assigned to the agent and not seen finish.
    public var runningTasks: [String]
    public var capacity: Int
    /// The latest HEARTBEAT load report, if the agent sends them.
    public var load: AgentLoad?
    /// Why the runner cannot start, from `AgentInfo`.
    public var runnerProblem: String?
    public var version: String?
    public var host: String?
    /// False for a plain MDP worker that sent no `AgentInfo`.
    public var isClusterAgent: Bool
    /// The account from `AgentInfo`.
    public var account: String?
    /// Set while the agent's account is usage-limited: no work is sent before then.
    public var limitedUntil: Date?
    /// The kind of that usage limit (`five_hour`, ...).
    public var limitKind: String?
    /// What the agent's finished attempts cost, in US dollars, since the broker started.
    public var costUSD: Double?
    /// Whether an operator paused or drained the agent (``AgentPauseState``); `running`
    /// from brokers that know no pauses.
    public var pause: AgentPauseState = .running
    /// True while the agent is paused or draining: it is sent no new work.
    public var paused: Bool { pause.isPaused }

    /// Creates a status entry.
    public init(
        name: String,
        specialty: String,
        specialties: [String]? = nil,
        state: State,
        lastHeartbeat: Date? = nil,
        runningTasks: [String] = [],
        capacity: Int = 1,
        load: AgentLoad? = nil,
        runnerProblem: String? = nil,
        version: String? = nil,
        host: String? = nil,
        isClusterAgent: Bool = true,
        account: String? = nil,
        limitedUntil: Date? = nil,
        limitKind: String? = nil,
        costUSD: Double? = nil,
        pause: AgentPauseState = .running
    ) {
        self.name = name
        self.specialty = specialty
        self.specialties = specialties ?? [specialty]
        self.state = state
        self.lastHeartbeat = lastHeartbeat
        self.runningTasks = runningTasks
        self.capacity = capacity
        self.load = load
        self.runnerProblem = runnerProblem
        self.version = version
        self.host = host
        self.isClusterAgent = isClusterAgent
        self.account = account
        self.limitedUntil = limitedUntil
        self.limitKind = limitKind
        self.costUSD = costUSD
        self.pause = pause
    }

    enum CodingKeys: String, CodingKey {
        case name, specialty, specialties, state
        case lastHeartbeat = "last_heartbeat"
        case runningTasks = "running_tasks"
        case capacity, load
        case runnerProblem = "runner_problem"
        case version, host
        case isClusterAgent = "cluster_agent"
        case account
        case limitedUntil = "limited_until"
        case limitKind = "limit_kind"
        case costUSD = "cost_usd"
        case pause, paused
    }
}
