/// Why an agent's status port cannot be served.
public enum AgentStatusServerError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Beyond loopback without a token anyone could read what the agent is working on.
    case tokenRequired(agent: String, host: String)
    /// The port is outside 0...65535.
    case invalidPort(agent: String, port: Int)

    public var description: String {
        switch self {
        case .tokenRequired(let agent, let host):
            "agent \(agent): status_listen is \(host), which is not a loopback address, without a token: set the agent's "
                + "status_token (for example ${CLUSTER_API_TOKEN}) or listen on 127.0.0.1"
        case .invalidPort(let agent, let port):
            "agent \(agent): status port \(port) is not in 0...65535"
        }
    }
}
