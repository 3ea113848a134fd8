/// `broker.ha:` — this broker as one of several sharing a PostgreSQL journal: its name,
/// the endpoint clients reach it on, and the lease's timings (docs/HA.md).
///
/// Present, it makes the broker start as a standby: it serves nothing until it takes the
/// lease, and stops serving (and exits) as soon as it loses it.
public struct HASection: Codable, Sendable, Equatable {
    /// This broker's name in the lease row and in `claude-cluster status`; unique among
    /// the brokers sharing the database. Required: empty is refused by ``HASectionRules``.
    public var name: String = ""
    /// The ROUTER endpoint clients use to reach this broker (`broker.bind` is often a
    /// wildcard such as `tcp://0.0.0.0:5555`); defaults to `broker.bind`.
    public var advertise: String?
    /// How often the active broker renews its lease.
    public var heartbeatMs: Int = 1000
    /// The lease, in heartbeats: how long a dead active broker keeps it.
    public var leaseHeartbeats: Int = 3
    /// How often a standby tries to take the lease.
    public var pollMs: Int = 250

    /// Every field at its default (no name yet).
    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, advertise
        case heartbeatMs = "heartbeat_ms"
        case leaseHeartbeats = "lease_heartbeats"
        case pollMs = "poll_ms"
    }

    /// The endpoint clients are told to use.
    func advertisedEndpoint(bind: String) -> String { advertise ?? bind }
}

/// The meaning of `broker.ha`: checked by `claude-cluster config check` and at start.
enum HASectionRules {
    /// The first problem with `section`, as the key and what is wrong; nil when it is fine.
    static func problem(_ section: HASection, bind: String) -> (key: String, text: String)? {
        if section.name.isEmpty { return ("broker.ha.name", "is required: a name unique among the brokers sharing the database") }
        guard section.name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }) else {
            return ("broker.ha.name", "'\(section.name)' may only hold letters, digits, '-', '_' and '.'")
        }
        if let advertise = section.advertise, !ConfigurationValidator.isEndpoint(advertise) {
            return ("broker.ha.advertise", "'\(advertise)' is not a ZeroMQ endpoint such as tcp://10.0.0.5:5555")
        }
        let endpoint = section.advertisedEndpoint(bind: bind)
        if section.advertise == nil, endpoint.contains("://0.0.0.0") || endpoint.contains("://*") || endpoint.contains("://[::]") {
            return ("broker.ha.advertise", "is required when broker.bind listens on every address ('\(bind)'): give the endpoint clients reach this broker on")
        }
        guard (50...60_000).contains(section.heartbeatMs) else {
            return ("broker.ha.heartbeat_ms", "must be between 50 and 60000 (got \(section.heartbeatMs))")
        }
        guard (2...100).contains(section.leaseHeartbeats) else {
            return ("broker.ha.lease_heartbeats", "must be between 2 and 100 (got \(section.leaseHeartbeats)): the active broker stops one heartbeat before its lease ends")
        }
        guard (10...section.heartbeatMs * section.leaseHeartbeats).contains(section.pollMs) else {
            return ("broker.ha.poll_ms", "must be between 10 and the lease (\(section.heartbeatMs * section.leaseHeartbeats) ms) (got \(section.pollMs))")
        }
        return nil
    }
}
