import Foundation

/// One instant as the broker's state machine sees it: a monotonic reading that orders
/// deadlines, and the wall-clock time at that instant that is stamped into records.
///
/// The shell builds one per input from `ContinuousClock` (time since the broker started)
/// and `Date()`; tests build them by hand and move them with ``advanced(by:)``.
struct BrokerTime: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Time since the broker started, from a monotonic clock: liveness, timeouts, backoff.
    var uptime: Duration
    /// The wall-clock time at the same instant, to the millisecond: record timestamps
    /// and event times only. Bodies and the journal keep dates to the millisecond, so a
    /// record reads back from either exactly as the broker made it.
    var wall: Date

    /// An instant `uptime` after the broker started, at wall-clock time `wall` (rounded
    /// to the millisecond).
    init(uptime: Duration, wall: Date) {
        self.uptime = uptime
        self.wall = wall.roundedToMillisecond
    }

    /// The same clocks moved forward by `duration`.
    func advanced(by duration: Duration) -> BrokerTime {
        BrokerTime(uptime: uptime + duration, wall: wall.addingTimeInterval(duration.seconds))
    }

    /// The instant at monotonic reading `uptime`, its wall time derived from this one.
    func at(uptime other: Duration) -> BrokerTime {
        BrokerTime(uptime: other, wall: wall.addingTimeInterval((other - uptime).seconds))
    }

    /// Instants are ordered by the monotonic clock alone.
    static func < (lhs: BrokerTime, rhs: BrokerTime) -> Bool { lhs.uptime < rhs.uptime }

    /// Monotonic reading and wall time, for logs and test failures.
    var description: String { "\(uptime) (\(wall))" }
}

extension Duration {
    /// The duration in seconds as a Double, for JSON fields and wall-clock arithmetic.
    var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
    }

    /// Whole nanoseconds, for swift-metrics timers.
    var nanoseconds: Int64 {
        let parts = components
        return parts.seconds * 1_000_000_000 + parts.attoseconds / 1_000_000_000
    }

    /// A duration from seconds that never traps on NaN, infinity or huge values.
    static func clampedSeconds(_ value: Double) -> Duration {
        guard value.isFinite, value > 0 else { return .zero }
        return .seconds(min(value, 1e12))
    }
}
