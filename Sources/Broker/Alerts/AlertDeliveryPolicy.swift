import Wire

/// How alerts leave the cluster: which ones, how often per kind, and how failed deliveries
/// are retried. Pure: every decision takes the time it is made at.
///
/// ```swift
/// let policy = AlertDeliveryPolicy(maxAttempts: 5, baseDelay: .seconds(2), maxDelay: .seconds(60))
/// policy.retryDelay(afterAttempt: 1)   // .seconds(2), then 4, 8, 16; nil after the 5th
/// ```
public struct AlertDeliveryPolicy: Sendable, Hashable {
    /// Alerts below this severity are published on the bus but not delivered.
    public var minimumSeverity: Alert.Severity
    /// Deliveries tried per alert and target, the first included (at least 1).
    public var maxAttempts: Int
    /// The wait before the first retry; doubled for each further one.
    public var baseDelay: Duration
    /// The longest wait between two tries.
    public var maxDelay: Duration
    /// Alerts of one kind delivered per ``window`` at most (at least 1); the rest are
    /// counted and the count rides on the next delivered alert of that kind.
    public var perKindLimit: Int
    /// The sliding window of ``perKindLimit``.
    public var window: Duration

    /// Creates a policy; out-of-range values are clamped so a bad config never traps.
    public init(
        minimumSeverity: Alert.Severity = .info,
        maxAttempts: Int = 5,
        baseDelay: Duration = .seconds(2),
        maxDelay: Duration = .seconds(60),
        perKindLimit: Int = 5,
        window: Duration = .seconds(600)
    ) {
        self.minimumSeverity = minimumSeverity
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = max(.zero, baseDelay)
        self.maxDelay = max(self.baseDelay, maxDelay)
        self.perKindLimit = max(1, perKindLimit)
        self.window = max(.zero, window)
    }

    /// The wait before the next try after `attempt` tries failed (1-based), or nil when
    /// that was the last one allowed.
    public func retryDelay(afterAttempt attempt: Int) -> Duration? {
        guard attempt >= 1, attempt < maxAttempts else { return nil }
        var delay = baseDelay
        for _ in 1..<attempt {
            delay = delay * 2
            if delay >= maxDelay { return maxDelay }
        }
        return min(delay, maxDelay)
    }
}
