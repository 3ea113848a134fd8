import Foundation

/// Who leads a group of brokers sharing one PostgreSQL journal, as the active broker
/// reports it in `mmi.info` (and so in `claude-cluster status` and the bridge's `/health`).
public struct BrokerLeadership: Codable, Sendable, Hashable {
    /// The active broker's name (`broker.ha.name`).
    public var active: String
    /// The ROUTER endpoint it advertises.
    public var endpoint: String
    /// The lease's epoch: one more on every takeover.
    public var epoch: Int64
    /// When it took the lease (the database's clock).
    public var since: Date
    /// Brokers waiting to take over, by name.
    public var standbys: [Standby]

    /// A broker waiting for the lease.
    public struct Standby: Codable, Sendable, Hashable {
        public var name: String
        public var endpoint: String
        /// When it last polled the lease (the database's clock).
        public var seenAt: Date

        public init(name: String, endpoint: String, seenAt: Date) {
            self.name = name
            self.endpoint = endpoint
            self.seenAt = seenAt
        }

        enum CodingKeys: String, CodingKey {
            case name, endpoint
            case seenAt = "seen_at"
        }
    }

    public init(active: String, endpoint: String, epoch: Int64, since: Date, standbys: [Standby]) {
        self.active = active
        self.endpoint = endpoint
        self.epoch = epoch
        self.since = since
        self.standbys = standbys
    }
}
