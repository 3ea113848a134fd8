/// Refuses a plain-text bus beyond loopback: without CURVE, anyone on the network could
/// register as an agent and receive prompts, or submit tasks that agents run with
/// permissions skipped. `security.allow_insecure: true` accepts that risk explicitly.
enum BusExposure {
    /// The first endpoint that would carry plain text beyond this machine, as
    /// (configuration key, problem); nil when the bus is safe or CURVE is on.
    static func problem(in configuration: ClusterConfiguration) -> (key: String, problem: String)? {
        guard !configuration.security.curve, !configuration.security.allowInsecure else { return nil }
        var endpoints: [(key: String, endpoint: String)] = []
        if let broker = configuration.broker {
            endpoints += [("broker.bind", broker.bind), ("broker.publish", broker.publish)]
        }
        if let bus = configuration.bus {
            endpoints += bus.endpoints.enumerated().map { ("bus.endpoints[\($0.offset)]", $0.element) }
            endpoints += bus.events.enumerated().map { ("bus.events[\($0.offset)]", $0.element) }
        }
        guard let exposed = endpoints.first(where: { !isLocal($0.endpoint) }) else { return nil }
        return (exposed.key, "'\(exposed.endpoint)' reaches beyond this machine without encryption: turn on security.curve (see docs/SECURITY.md), use a 127.0.0.1 address, or set security.allow_insecure: true to accept that anyone on the network can join the bus")
    }

    /// True for `ipc://`, `inproc://` and TCP on a loopback address.
    static func isLocal(_ endpoint: String) -> Bool {
        guard endpoint.hasPrefix("tcp://") else { return true }
        var host = String(endpoint.dropFirst("tcp://".count))
        if let colon = host.lastIndex(of: ":") { host = String(host[..<colon]) }
        // `tcp://eth0;10.0.0.1:5555` connects from one address to another: look at the target.
        if let semicolon = host.lastIndex(of: ";") { host = String(host[host.index(after: semicolon)...]) }
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        let lowered = host.lowercased()
        if lowered == "localhost" || lowered == "lo" || lowered == "::1" { return true }
        let octets = lowered.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets.allSatisfy { UInt8($0) != nil } && octets[0] == "127"
    }
}
