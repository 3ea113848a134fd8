import Foundation

/// The row of `broker_leadership`: who holds the lease, where it serves, since when.
public struct LeaderRecord: Sendable, Equatable {
    /// The holder's broker name (`broker.ha.name`).
    public var holder: String
    /// The ROUTER endpoint the holder advertises to clients.
    public var endpoint: String
    /// Incremented by every takeover; every journal commit proves it still holds it.
    public var epoch: Int64
    /// When the holder took the lease (the database's clock).
    public var since: Date
    /// When the lease ends unless renewed (the database's clock).
    public var leaseUntil: Date
}

/// A broker waiting in `broker_standbys`.
public struct StandbyRecord: Sendable, Equatable {
    public var holder: String
    public var endpoint: String
    /// When it last said it was waiting (the database's clock).
    public var seenAt: Date
}
