import Wire

/// Where the lease lives: PostgreSQL (`LeadershipStore`) in a real cluster; the runner
/// only needs these four requests.
protocol LeaseStore: Sendable {
    /// Says this broker is waiting, then takes the lease if it is free or expired.
    func poll(lease: Duration) async throws -> LeasePoll
    /// Extends the lease held under `epoch`; false when it is no longer ours.
    func renew(epoch: Int64, lease: Duration) async throws -> Bool
    /// Ends the lease held under `epoch` now.
    func resign(epoch: Int64) async throws
    /// The lease holder and the standbys that polled within `freshness`, for status.
    func leadership(standbysSeenWithin freshness: Duration) async throws -> BrokerLeadership?
}

/// What a poll found.
enum LeasePoll: Sendable, Equatable {
    /// The lease was free or expired and is now ours (the epoch incremented).
    case acquired(LeaderRecord)
    /// Another broker holds a live lease (nil: no row yet).
    case held(by: LeaderRecord?)
}
