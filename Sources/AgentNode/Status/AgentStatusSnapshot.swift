import Foundation

/// One agent as its own status port reports it (`GET /status`): who it is, what it is
/// doing, and whether it can take work. A value: the agent builds one on request.
public struct AgentStatusSnapshot: Codable, Sendable, Equatable {
    /// What the agent can do now, decided by ``AgentStatusState/decide(_:)``.
    public var state: AgentStatusState
    /// The agent's name (`CC01`).
    public var name: String
    /// The specialty it serves (`frontend`).
    var specialty: String
    /// The Claude account it shares usage limits with, when configured.
    public var account: String?
    /// This program's version.
    var version: String
    /// The ids of the tasks running now.
    var runningTasks: [String]
    /// How many tasks may run at once.
    var capacity: Int
    /// CPU of the agent's process tree, in percent of one core, at the last sample.
    var cpuPercent: Double
    /// Resident memory of the agent's process tree at the last sample.
    var memoryBytes: Int
    /// True while registered with a broker.
    var connected: Bool
    /// The broker endpoint in use or being tried.
    var broker: String
    /// When the broker was last heard from; nil before the first message.
    var lastBrokerContact: Date?
    /// Until when this agent's last run said its account is usage-limited; nil when not.
    var limitedUntil: Date?
    /// The usage limit's kind (`five_hour`, ...) while limited.
    var limitKind: String?
    /// Why the runner cannot run tasks (not installed, not logged in), if it cannot.
    var runnerProblem: String?

    /// A snapshot with every field given.
    init(
        state: AgentStatusState, name: String, specialty: String, account: String?, version: String,
        runningTasks: [String], capacity: Int, cpuPercent: Double, memoryBytes: Int, connected: Bool,
        broker: String, lastBrokerContact: Date?, limitedUntil: Date?, limitKind: String?, runnerProblem: String?
    ) {
        self.state = state
        self.name = name
        self.specialty = specialty
        self.account = account
        self.version = version
        self.runningTasks = runningTasks
        self.capacity = capacity
        self.cpuPercent = cpuPercent
        self.memoryBytes = memoryBytes
        self.connected = connected
        self.broker = broker
        self.lastBrokerContact = lastBrokerContact
        self.limitedUntil = limitedUntil
        self.limitKind = limitKind
        self.runnerProblem = runnerProblem
    }

    enum CodingKeys: String, CodingKey {
        case state, name, specialty, account, version
        case runningTasks = "running_tasks"
        case capacity
        case cpuPercent = "cpu_percent"
        case memoryBytes = "memory_bytes"
        case connected, broker
        case lastBrokerContact = "last_broker_contact"
        case limitedUntil = "limited_until"
        case limitKind = "limit_kind"
        case runnerProblem = "runner_problem"
    }
}
