import AgentNode
import Bridge
import Logging
import ServiceLifecycle

/// Builds an agent's status port from its `status_listen` and `status_token`.
enum AgentStatusAssembly {
    /// The status server for `agent`, or nil when its entry has no `status_listen`.
    static func server(
        for agent: AgentService, entry: AgentSection, logger: Logger,
        onListening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) throws -> (any Service)? {
        guard let listen = entry.statusListen else { return nil }
        guard let address = HostAndPort(listen) else {
            throw LaunchError(description: "agent \(agent.settings.name): status_listen '\(listen)' is not host:port")
        }
        let server = AgentStatusServer(
            agent: agent.settings.name, host: address.host, port: address.port, token: entry.statusToken, logger: logger,
            status: { agent.status() }, stateOf: { $0.state.rawValue }, onListening: onListening)
        do {
            try server.validate()
        } catch {
            throw LaunchError(description: error.description)
        }
        return server
    }
}
