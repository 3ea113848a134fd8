import Wire

/// How failed attempts of a task are retried: exponential backoff with jitter, capped.
public struct RetryPolicy: Sendable, Hashable {
    /// The delay before the second attempt (before jitter).
    var baseDelay: Duration
    /// The longest delay between two attempts.
    var maxDelay: Duration
    /// Attempts a task gets unless its spec says otherwise (at least 1).
    var maxAttempts: Int

    /// A policy; out-of-range values are clamped so a bad configuration never traps.
    public init(baseDelay: Duration = .seconds(2), maxDelay: Duration = .seconds(60), maxAttempts: Int = 3) {
        self.baseDelay = max(baseDelay, .zero)
        self.maxDelay = max(maxDelay, self.baseDelay)
        self.maxAttempts = max(maxAttempts, 1)
    }

    /// The attempts a task gets: the spec's override when it has a sensible one.
    func attempts(for spec: TaskSpec) -> Int {
        guard let requested = spec.maxAttempts, requested >= 1 else { return maxAttempts }
        return min(requested, 100)
    }

    /// The wait after failed attempt number `attempt` (1-based): `base × 2^(attempt-1)`,
    /// capped at `maxDelay`, then "equal jitter": a value drawn from the upper half, so
    /// retries of tasks that failed together spread out but never come back at once.
    func delay(afterAttempt attempt: Int, jitter: (ClosedRange<Double>) -> Double) -> Duration {
        let exponent = min(max(attempt - 1, 0), 40)
        let uncapped = baseDelay.seconds * Double(1 << exponent)
        let capped = min(uncapped, maxDelay.seconds)
        guard capped > 0 else { return .zero }
        let drawn = jitter((capped / 2)...capped)
        guard drawn.isFinite else { return .clampedSeconds(capped) }
        return .clampedSeconds(min(max(drawn, capped / 2), capped))
    }
}
