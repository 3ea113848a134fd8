import ArgumentParser
import ClusterRuntime
import Foundation

/// `claude-cluster broker`: only the central router.
struct BrokerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "broker", abstract: "Run the central router only.")

    @Option(help: "ROUTER endpoint to bind.") var bind: String?
    @Option(help: "PUB endpoint to bind.") var publish: String?
    @Option(help: "Data directory (journal, logs).") var dataDir: String?
    @Option(help: "Heartbeat interval in milliseconds.") var heartbeatMs: Int?
    @Option(help: "A configuration file to start from; flags override it.") var config: String?

    func run() async throws {
        var configuration = try config.map(loadConfiguration) ?? ClusterConfiguration()
        var broker = configuration.broker ?? BrokerSection()
        if let bind { broker.bind = bind }
        if let publish { broker.publish = publish }
        if let heartbeatMs { broker.heartbeatMs = heartbeatMs }
        configuration.broker = broker
        if let dataDir { configuration.cluster.dataDir = dataDir }
        try await launch(ClusterLauncher(configuration: configuration, roles: .init(broker: true, bridge: false, agents: [])))
    }
}

/// `claude-cluster agent`: one agent, connecting to a broker anywhere.
struct AgentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agent", abstract: "Run one agent.",
        discussion: "Without --name, --specialty or --status-listen, AGENT_NAME, AGENT_SPECIALTY and AGENT_PORT are read.")

    @Option(name: .customLong("broker"), help: "Broker ROUTER endpoint (repeat for failover).") var brokers: [String] = []
    @Option(name: .customLong("subscribe"), help: "Broker PUB endpoint (repeatable).") var publishers: [String] = []
    @Option(help: "The agent's name, e.g. CC01 (else AGENT_NAME).") var name: String?
    @Option(help: "The agent's specialty, e.g. frontend (else AGENT_SPECIALTY).") var specialty: String?
    @Option(help: "host:port of the agent's status port, /health and /status (else AGENT_PORT: a port on 127.0.0.1).")
    var statusListen: String?
    @Option(help: "Bearer token for the status port; required beyond loopback.") var statusToken: String?
    @Option(help: "Workspace directory for clones and worktrees.") var workspace: String?
    @Option(help: "Repository: a local path or a clone URL.") var repo: String?
    @Option(help: "Runner command (split on spaces; {prompt} and {permission_mode} are filled in).") var runner: String?
    @Option(help: "Directory of hook executables.") var hooksDir: String?
    @Option(help: "Data directory (logs).") var dataDir: String?
    @Option(help: "Heartbeat interval in milliseconds (must match the broker's).") var heartbeatMs: Int?
    @Option(help: "A configuration file; with --name, runs that agent of it.") var config: String?

    func run() async throws {
        var configuration = try config.map(loadConfiguration) ?? ClusterConfiguration()
        let seed: AgentEnvironment
        do {
            seed = try AgentEnvironment(ProcessInfo.processInfo.environment)
        } catch {
            printError("error: \(error)")
            throw ExitCode(ExitStatus.usage.rawValue)
        }
        let name = self.name ?? seed.name
        let specialty = self.specialty ?? seed.specialty
        let statusListen = self.statusListen ?? seed.statusListen
        var entry: AgentSection
        if let name, let existing = configuration.agents.first(where: { $0.name?.caseInsensitiveCompare(name) == .orderedSame }) {
            entry = existing
        } else if name == nil, configuration.agents.count == 1 {
            entry = configuration.agents[0]
        } else {
            entry = AgentSection(name: name)
        }
        if let specialty { entry.specialty = specialty }
        if let workspace { entry.workspace = workspace }
        if let repo { entry.repository = repo }
        if let runner { entry.runner = runner.split(separator: " ").map(String.init) }
        if let hooksDir { entry.hooksDir = hooksDir }
        if let statusListen { entry.statusListen = statusListen }
        if let statusToken { entry.statusToken = statusToken }
        guard let agentName = entry.name, entry.merged(over: configuration.agentDefaults).specialty != nil else {
            printError("error: an agent needs --name and --specialty (or AGENT_NAME and AGENT_SPECIALTY, or a --config that defines them)")
            throw ExitCode(ExitStatus.usage.rawValue)
        }
        configuration.agents = [entry]
        configuration.overrideBus(routers: brokers, publishers: publishers)
        if let heartbeatMs {
            var broker = configuration.broker ?? BrokerSection()
            broker.heartbeatMs = heartbeatMs
            configuration.broker = broker
        }
        if let dataDir { configuration.cluster.dataDir = dataDir }
        try await launch(ClusterLauncher(configuration: configuration, roles: .init(broker: false, bridge: false, agents: [agentName]), executablePath: executablePath()))
    }
}

/// `claude-cluster bridge`: only the HTTP bridge, as a bus client of a broker anywhere.
struct BridgeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bridge", abstract: "Run the HTTP bridge only.")

    @Option(name: .customLong("broker"), help: "Broker ROUTER endpoint (repeat for failover).") var brokers: [String] = []
    @Option(name: .customLong("subscribe"), help: "Broker PUB endpoint (repeatable).") var publishers: [String] = []
    @Option(help: "host:port to listen on.") var listen: String?
    @Option(help: "Bearer token required on every endpoint but /health.") var token: String?
    @Option(help: "GitHub webhook secret.") var githubSecret: String?
    @Flag(help: "Allow a non-loopback address without a token (not recommended).") var allowInsecure = false
    @Option(help: "Data directory (logs).") var dataDir: String?
    @Option(help: "A configuration file to start from; flags override it.") var config: String?

    func run() async throws {
        var configuration = try config.map(loadConfiguration) ?? ClusterConfiguration()
        var bridge = configuration.bridge ?? BridgeSection()
        bridge.enabled = true
        if let listen { bridge.listen = listen }
        if let token { bridge.token = token }
        if let githubSecret { bridge.github.secret = githubSecret }
        if allowInsecure { bridge.allowInsecure = true }
        configuration.bridge = bridge
        configuration.overrideBus(routers: brokers, publishers: publishers)
        if let dataDir { configuration.cluster.dataDir = dataDir }
        try await launch(ClusterLauncher(configuration: configuration, roles: .init(broker: false, bridge: true, agents: [])))
    }
}

extension ClusterConfiguration {
    /// `--broker` and `--subscribe` flags, where given, replace the file's bus endpoints.
    mutating func overrideBus(routers: [String], publishers: [String]) {
        guard !routers.isEmpty || !publishers.isEmpty else { return }
        bus = BusSection(endpoints: routers.isEmpty ? routerEndpoints : routers,
                         events: publishers.isEmpty ? publisherEndpoints : publishers)
    }
}
