/// The timings of the election between brokers sharing one PostgreSQL journal.
///
/// The active broker renews its lease every `heartbeat`; the lease it writes lasts
/// `lease` (judged by the database's clock). A standby tries to take the lease every
/// `pollInterval`. The active stops serving on its own clock `safetyMargin` before the
/// lease it last renewed could run out, so it has stopped acknowledging before a standby
/// can take over, even if its renewals stall without an error.
public struct LeadershipPolicy: Sendable, Equatable {
    /// How often the active broker renews its lease.
    public var heartbeat: Duration
    /// How long a renewed lease lasts in the database.
    public var lease: Duration
    /// How often a standby tries to take the lease (and says it is waiting).
    public var pollInterval: Duration
    /// How long before its lease would end, by its own clock, the active stops serving.
    public var safetyMargin: Duration

    /// Defaults: renew every second, a lease of three heartbeats, a standby polling four
    /// times a second, and one heartbeat of margin.
    public init(
        heartbeat: Duration = .seconds(1),
        leaseHeartbeats: Int = 3,
        pollInterval: Duration? = nil,
        safetyMargin: Duration? = nil
    ) {
        self.heartbeat = max(.milliseconds(10), heartbeat)
        self.lease = self.heartbeat * max(2, leaseHeartbeats)
        self.pollInterval = pollInterval ?? self.heartbeat / 4
        self.safetyMargin = min(safetyMargin ?? self.heartbeat, self.lease - self.heartbeat)
    }

    /// How long after a renewal was sent the active may go on serving without another.
    var serving: Duration { lease - safetyMargin }

    /// How long a stepping-down broker waits for its broker thread to stop before it goes
    /// on without it: half the margin, so that its process has exited before the lease ends.
    var stopLimit: Duration { safetyMargin / 2 }
}
