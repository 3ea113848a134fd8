import Foundation

/// Where this machine's bus clients connect, whichever sections the file has.
extension ClusterConfiguration {
    /// ROUTER endpoints in failover order: `bus.endpoints`, else the local broker's bind
    /// address made connectable, else the default.
    public var routerEndpoints: [String] {
        if let bus, !bus.endpoints.isEmpty { return bus.endpoints }
        if let broker { return [Self.connectable(broker.bind)] }
        return ["tcp://127.0.0.1:5555"]
    }

    /// PUB endpoints to subscribe to.
    public var publisherEndpoints: [String] {
        if let bus, !bus.events.isEmpty { return bus.events }
        if let broker { return [Self.connectable(broker.publish)] }
        return ["tcp://127.0.0.1:5556"]
    }

    /// Turns a bind address (`tcp://*:5555`, `tcp://0.0.0.0:5555`) into one a local
    /// client can connect to.
    static func connectable(_ bindEndpoint: String) -> String {
        for wildcard in ["tcp://*:", "tcp://0.0.0.0:"] where bindEndpoint.hasPrefix(wildcard) {
            return "tcp://127.0.0.1:" + bindEndpoint.dropFirst(wildcard.count)
        }
        return bindEndpoint
    }

    /// The data directory, with `~` expanded.
    public var dataDirectory: String { Self.expandingTilde(cluster.dataDir) }

    static func expandingTilde(_ path: String) -> String {
        guard path.hasPrefix("~") else { return path }
        return NSHomeDirectory() + path.dropFirst()
    }
}
