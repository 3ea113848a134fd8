import Broker

/// Turns `broker.ha` into the election's timings.
enum HAAssembly {
    static func policy(_ section: HASection) -> LeadershipPolicy {
        LeadershipPolicy(
            heartbeat: .milliseconds(section.heartbeatMs), leaseHeartbeats: section.leaseHeartbeats,
            pollInterval: .milliseconds(section.pollMs))
    }
}
