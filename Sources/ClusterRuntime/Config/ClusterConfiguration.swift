/// The whole cluster configuration as written in a YAML file (configs/local.yaml).
///
/// Every section is optional so one file can describe a single machine (all roles) or
/// one machine of a multi-PC cluster (only the roles it runs). Keys are snake_case in
/// YAML; `${VAR}` and `${VAR:-default}` are replaced from the environment before parsing.
public struct ClusterConfiguration: Codable, Sendable, Equatable {
    public var cluster: ClusterSection = .init()
    /// Present on the machine that runs the router.
    public var broker: BrokerSection?
    /// Where bus clients (agents, bridge, CLI) connect; derived from `broker` when absent.
    public var bus: BusSection?
    public var bridge: BridgeSection?
    /// Settings shared by every agent unless the agent overrides them.
    public var agentDefaults: AgentSection = .init()
    public var agents: [AgentSection] = []
    public var security: SecuritySection = .init()

    /// Every field at its default.
    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable {
        case cluster, broker, bus, bridge
        case agentDefaults = "agent_defaults"
        case agents, security
    }
}

/// `cluster:` — names and where state lives.
public struct ClusterSection: Codable, Sendable, Equatable {
    public var name: String = "local"
    /// Root for the journal, logs, agent workspaces and the pid file.
    public var dataDir: String = ".cluster"
    /// A bare repository that agents are started only after it exists: created (one commit
    /// on `main`) when missing. The demo configurations name `<data_dir>/demo-origin.git`.
    public var demoRepository: String?

    /// Every field at its default.
    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name
        case dataDir = "data_dir"
        case demoRepository = "demo_repository"
    }
}

/// `bus:` — the endpoints bus clients connect to, in failover order.
public struct BusSection: Codable, Sendable, Equatable {
    public var endpoints: [String]
    public var events: [String]

    public init(endpoints: [String], events: [String]) {
        self.endpoints = endpoints
        self.events = events
    }
}

/// `security:` — CURVE on the bus.
public struct SecuritySection: Codable, Sendable, Equatable {
    public var curve: Bool = false
    /// Holds this machine's key pair and, on the broker, `authorized/*.pub`.
    public var keysDir: String?
    /// The broker's public key (Z85) for clients, or a path to its `.pub` file.
    public var brokerPublicKey: String?
    /// Allows a plain-text bus on a non-loopback address (see `BusExposure`).
    public var allowInsecure: Bool = false

    /// Every field at its default.
    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable {
        case curve
        case keysDir = "keys_dir"
        case brokerPublicKey = "broker_public_key"
        case allowInsecure = "allow_insecure"
    }
}
