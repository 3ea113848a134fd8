/// Why a `BridgeConfiguration` cannot be served.
enum BridgeConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Listening beyond loopback without a token would let anyone drive the cluster.
    case tokenRequired(host: String)
    /// The port is outside 0...65535.
    case invalidPort(Int)
    /// The host is empty.
    case emptyHost
    /// A body limit is zero or negative.
    case invalidBodyLimit
    /// A webhook rule is unusable.
    case invalidWebhookRule(String)

    public var description: String {
        switch self {
        case .tokenRequired(let host):
            "the bridge is configured to listen on \(host), which is not a loopback address, without a token: "
                + "set bridge.token (or CLUSTER_API_TOKEN with the shipped configs), listen on 127.0.0.1, or set "
                + "bridge.allow_insecure: true to accept the risk"
        case .invalidPort(let port):
            "bridge port \(port) is not in 0...65535"
        case .emptyHost:
            "bridge host is empty: use 127.0.0.1 for this machine only"
        case .invalidBodyLimit:
            "bridge body limits must be positive numbers of bytes"
        case .invalidWebhookRule(let detail):
            "webhook rules: \(detail)"
        }
    }
}
