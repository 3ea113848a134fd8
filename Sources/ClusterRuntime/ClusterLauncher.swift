import AgentNode
import Bridge
import Broker
import ClusterMCP
import Foundation
import Logging
import ServiceLifecycle
import Wire

/// Starts the roles a configuration describes, in one process, as one `ServiceGroup`:
/// the broker first, then the bridge, then the agents; graceful shutdown (SIGTERM,
/// SIGINT, `claude-cluster stop`) runs in the reverse order, so agents hand their
/// unfinished tasks back before the broker stops.
public struct ClusterLauncher {
    /// Which roles of the file to run here.
    public struct Roles: Sendable {
        public var broker: Bool
        public var bridge: Bool
        /// Agent names to run; nil runs every agent in the file.
        public var agents: [String]?

        public init(broker: Bool = true, bridge: Bool = true, agents: [String]? = nil) {
            self.broker = broker
            self.bridge = bridge
            self.agents = agents
        }

        public static let all = Roles()

        /// `cluster.pid` for a whole cluster (what `claude-cluster stop` reads); a single
        /// role gets its own file, so roles started separately can share a data directory.
        var pidFileName: String {
            switch (broker, bridge, agents) {
            case (true, false, let agents?) where agents.isEmpty: "broker.pid"
            case (false, true, let agents?) where agents.isEmpty: "bridge.pid"
            case (false, false, let agents?) where agents.count == 1: "agent-\(agents[0].lowercased()).pid"
            default: "cluster.pid"
            }
        }
    }

    let configuration: ClusterConfiguration
    let roles: Roles
    /// This program's path, put on the runners' PATH for `claude-cluster ask`.
    let executablePath: String?

    public init(configuration: ClusterConfiguration, roles: Roles = .all, executablePath: String? = nil) {
        self.configuration = configuration
        self.roles = roles
        self.executablePath = executablePath
    }

    /// Runs until a signal or `stop` asks for shutdown; writes and removes the pid file.
    public func run() async throws {
        let layout = LogLayout(dataDirectory: configuration.dataDirectory)
        let logger = ClusterLogging.logger(label: "cluster", file: layout.routerLog)
        let pidFile = PIDFile(path: "\(configuration.dataDirectory)/\(roles.pidFileName)")
        try pidFile.claim()
        defer { pidFile.release() }
        try await prepareDemoRepository(logger: logger)
        let services = try makeServices(layout: layout)
        guard !services.isEmpty else {
            throw LaunchError(description: "the configuration runs nothing here: it has no broker section, no enabled bridge and no agents")
        }
        let group = ServiceGroup(configuration: .init(
            services: services.map { .init(service: $0) },
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger))
        do {
            try await group.run()
        } catch let lost as LeadershipLost {
            throw BrokerSteppedDown(reason: lost.description)
        }
    }

    /// The services for the selected roles, in start order.
    func makeServices(layout: LogLayout) throws -> [any Service] {
        if let exposed = BusExposure.problem(in: configuration) {
            throw LaunchError(description: "\(exposed.key): \(exposed.problem)")
        }
        let context = try ZMQContext(ioThreads: roles.broker ? BrokerService.ioThreads : 1)
        var services: [any Service] = []
        if roles.broker, let section = configuration.broker {
            let logger = ClusterLogging.logger(label: "router", file: layout.routerLog)
            var settings = try BrokerAssembly.settings(configuration, section: section)
            // Before the broker: started first, stopped last, so no alert is posted to a
            // dispatcher that is gone.
            if let alerts = AlertAssembly.dispatcher(configuration, section: section.alerts, logger: logger) {
                settings.alertSink = { alerts.post($0) }
                services.append(alerts)
            }
            if let ha = section.ha {
                services.append(try HAAssembly.service(ha, section: section, settings: settings, context: context, curve: configuration.security.curve, logger: logger))
            } else {
                let broker = try BrokerService(settings: settings, context: context, logger: logger)
                logger.notice("broker ready on \(broker.endpoints.router) (events on \(broker.endpoints.publisher))\(configuration.security.curve ? ", CURVE on" : "")")
                services.append(broker)
                if configuration.security.curve { services.append(AuthorizedKeysReloader(broker: broker, logger: logger)) }
            }
        }
        if roles.bridge, let section = configuration.bridge, section.enabled {
            let logger = ClusterLogging.logger(label: "bridge", file: layout.bridgeLog)
            let security = try ClientKeys.load(for: configuration, name: "bridge")
            let client = try ClusterClient(
                context: context, endpoints: configuration.routerEndpoints, eventEndpoints: configuration.publisherEndpoints,
                options: .init(timeout: .seconds(3), attempts: 1, security: security))
            let bridge = try BridgeAssembly.configuration(section)
            let scheme = bridge.transport.scheme
            // `/mcp` checks Host and Origin only when no token guards it (see MCPHTTPSessions).
            let mcp = MCPHTTPSessions(
                toolbox: ClusterToolbox(client: client, caller: .bridge),
                checkOrigin: (section.token ?? "").isEmpty, logger: logger)
            services.append(BridgeServer(
                configuration: bridge, cluster: BusClusterAPI(client: client), logger: logger, mcp: mcp,
                onListening: { host, port in logger.notice("HTTP bridge listening on \(scheme)://\(host):\(port)") }))
        }
        let selected = configuration.agents.filter { entry in
            guard let wanted = roles.agents else { return true }
            let name = entry.merged(over: configuration.agentDefaults).name ?? ""
            return wanted.contains { $0.caseInsensitiveCompare(name) == .orderedSame }
        }
        if let wanted = roles.agents, selected.count != wanted.count {
            throw LaunchError(description: "no agent named \(wanted.joined(separator: ", ")) in the configuration")
        }
        for entry in selected {
            let agent = try AgentAssembly.agent(entry, in: configuration, executablePath: executablePath)
            let logger = ClusterLogging.logger(label: agent.settings.name, file: layout.agentLog(agent.settings.name))
            try prepareHooksFolder(configuration.hooksFolder(of: entry), logger: logger)
            let service = try AgentService(settings: agent.settings, bus: agent.bus, context: context, logger: logger)
            services.append(service)
            let merged = entry.merged(over: configuration.agentDefaults)
            if let status = try AgentStatusAssembly.server(for: service, entry: merged, logger: logger) { services.append(status) }
        }
        return services
    }
}

extension ClusterLauncher {
    /// Creates `cluster.demo_repository` when it is missing and an agent of this process
    /// works on it (with `CLUSTER_REPOSITORY` naming another repository, nothing is made).
    func prepareDemoRepository(logger: Logger) async throws {
        guard let path = configuration.cluster.demoRepository else { return }
        let demo = AgentAssembly.absoluteIfLocal(path)
        let usedHere = configuration.agents.contains { entry in
            let merged = entry.merged(over: configuration.agentDefaults)
            let selected = roles.agents.map { names in
                names.contains { $0.caseInsensitiveCompare(merged.name ?? "") == .orderedSame }
            } ?? true
            return selected && merged.repository.map(AgentAssembly.absoluteIfLocal) == demo
        }
        guard usedHere else { return }
        let url = URL(fileURLWithPath: demo)
        do {
            if try await DemoRepository.createIfMissing(at: url) { logger.notice("created the demo repository \(url.path)") }
        } catch {
            throw LaunchError(description: error.description)
        }
    }

    /// Creates an agent's default hooks folder and warns about files in it that no event runs.
    func prepareHooksFolder(_ folder: ClusterConfiguration.HooksFolder, logger: Logger) throws {
        let directory = URL(fileURLWithPath: folder.path)
        if folder.isDefault {
            do {
                try HookFolder.create(directory)
            } catch {
                throw LaunchError(description: "cannot create the hooks folder \(folder.path): \(error.localizedDescription)")
            }
        }
        if let warning = HookFolder.unmatchedWarning(for: directory) { logger.warning("\(warning)") }
    }
}

/// Why the cluster could not start.
struct LaunchError: Error, CustomStringConvertible, Sendable {
    public var description: String
}
