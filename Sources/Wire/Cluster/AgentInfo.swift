/// Who a cluster agent is: the one JSON frame after the service name in its READY.
///
/// The READY's service is the agent's primary specialty. A worker that sends no
/// `AgentInfo` is a plain MDP worker: one request at a time, no cancel, no load figures.
public struct AgentInfo: Codable, Sendable, Hashable, VersionedBody {
    public var v: Int = 1
    /// The agent's unique name (`CC01`); a task may target it by this name.
    public var name: String
    /// Every specialty the agent serves, the READY service first.
    public var specialties: [String]
    /// How many requests the broker may have outstanding at this agent at once (at least 1).
    public var capacity: Int
    /// The agent's build version, for `mmi.agents` and mixed-version clusters.
    public var version: String
    /// The host name the agent runs on.
    public var host: String
    /// False when the runner (`claude`) cannot start; the broker sends such an agent no tasks.
    public var runnerAvailable: Bool
    /// Why the runner cannot start, in words a person can act on.
    public var runnerProblem: String?
    /// The credential the agent's runner uses; agents naming the same account share its
    /// usage limits. Nil: the agent is an account of its own.
    public var account: String?

    /// Creates the READY extension of an agent.
    public init(
        name: String,
        specialties: [String],
        capacity: Int = 1,
        version: String,
        host: String,
        runnerAvailable: Bool = true,
        runnerProblem: String? = nil,
        account: String? = nil
    ) {
        self.name = name
        self.specialties = specialties
        self.capacity = capacity
        self.version = version
        self.host = host
        self.runnerAvailable = runnerAvailable
        self.runnerProblem = runnerProblem
        self.account = account
    }

    enum CodingKeys: String, CodingKey {
        case v, name, specialties, capacity, version, host
        case runnerAvailable = "runner_available"
        case runnerProblem = "runner_problem"
        case account
    }
}
