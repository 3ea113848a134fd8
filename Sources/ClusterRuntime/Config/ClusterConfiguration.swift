/// The whole cluster configuration as written in a YAML file (configs/local.yaml).
///
/// Every section is optional so one file can describe a single machine (all roles) or
/// one machine of a multi-PC cluster (only the roles it runs). Keys are snake_case in
/// YAML; `${VAR}` and `${VAR:-default}` are replaced from the environment before parsing.
public struct ClusterConfiguration: Codable, Sendable, Equatable {
    public var cluster: ClusterSection
    /// Present on the machine that runs the router.
    public var broker: BrokerSection?
    /// Where bus clients (agents, bridge, CLI) connect; derived from `broker` when absent.
    public var bus: BusSection?
    public var bridge: BridgeSection?
    /// Settings shared by every agent unless the agent overrides them.
    public var agentDefaults: AgentSection
    public var agents: [AgentSection]
    public var security: SecuritySection

    public init(
        cluster: ClusterSection = .init(),
        broker: BrokerSection? = nil,
        bus: BusSection? = nil,
        bridge: BridgeSection? = nil,
        agentDefaults: AgentSection = .init(),
        agents: [AgentSection] = [],
        security: SecuritySection = .init()
    ) {
        self.cluster = cluster
        self.broker = broker
        self.bus = bus
        self.bridge = bridge
        self.agentDefaults = agentDefaults
        self.agents = agents
        self.security = security
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case cluster, broker, bus, bridge
        case agentDefaults = "agent_defaults"
        case agents, security
    }
}

/// `cluster:` — names and where state lives.
public struct ClusterSection: Codable, Sendable, Equatable {
    public var name: String
    /// Root for the journal, logs, agent workspaces and the pid file.
    public var dataDir: String
    /// A bare repository that agents are started only after it exists: created (one commit
    /// on `main`) when missing. The demo configurations name `<data_dir>/demo-origin.git`.
    public var demoRepository: String?

    public init(name: String = "local", dataDir: String = ".cluster", demoRepository: String? = nil) {
        self.name = name
        self.dataDir = dataDir
        self.demoRepository = demoRepository
    }

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
    public var curve: Bool
    /// Holds this machine's key pair and, on the broker, `authorized/*.pub`.
    public var keysDir: String?
    /// The broker's public key (Z85) for clients, or a path to its `.pub` file.
    public var brokerPublicKey: String?
    /// Allows a plain-text bus on a non-loopback address (see `BusExposure`).
    public var allowInsecure: Bool

    public init(curve: Bool = false, keysDir: String? = nil, brokerPublicKey: String? = nil, allowInsecure: Bool = false) {
        self.curve = curve
        self.keysDir = keysDir
        self.brokerPublicKey = brokerPublicKey
        self.allowInsecure = allowInsecure
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case curve
        case keysDir = "keys_dir"
        case brokerPublicKey = "broker_public_key"
        case allowInsecure = "allow_insecure"
    }
}
