/// Paranoid Pirate liveness: how often the broker sends heartbeats, and how many missed
/// intervals make a worker dead.
public struct HeartbeatPolicy: Sendable, Hashable {
    /// How often the broker sends HEARTBEAT to every worker and publishes its own.
    var interval: Duration
    /// Intervals of silence after which a worker is dead (at least 1).
    var liveness: Int

    /// A policy; out-of-range values are raised to the smallest sensible ones.
    public init(interval: Duration = .seconds(1), liveness: Int = 3) {
        self.interval = max(interval, .milliseconds(1))
        self.liveness = max(liveness, 1)
    }

    /// How long a worker may stay silent: `liveness × interval`.
    var silenceLimit: Duration { interval * liveness }
}
