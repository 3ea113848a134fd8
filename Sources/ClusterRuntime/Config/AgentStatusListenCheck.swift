import Bridge

/// Checks an agent's `status_listen` and `status_token` while the configuration loads, so
/// `config check` finds what would stop the agent's status port from starting.
enum AgentStatusListenCheck {
    /// The key (`status_listen`) and the problem, or nil when the agent may serve it.
    static func problem(_ agent: AgentSection) -> (key: String, text: String)? {
        guard let listen = agent.statusListen else { return nil }
        guard let address = HostAndPort(listen) else {
            return ("status_listen", "'\(listen)' is not host:port (for example 127.0.0.1:8881)")
        }
        let token = agent.statusToken.flatMap { $0.isEmpty ? nil : $0 }
        if token == nil, !LoopbackAddress.contains(address.host) {
            return ("status_listen", "\(address.host) is not a loopback address: set status_token (for example ${CLUSTER_API_TOKEN}) or listen on 127.0.0.1")
        }
        return nil
    }
}
