import Wire

/// Decides which alerts are delivered: at most `perKindLimit` of one kind per sliding
/// window, and none below the minimum severity. Pure; time is passed in (uptime).
///
/// An agent flapping up and down raises `agent_down` again and again; a webhook to a chat
/// channel should say so a few times, then say how many it held back.
public struct AlertRateLimiter: Sendable {
    public let policy: AlertDeliveryPolicy
    /// When each kind's recent deliveries were admitted, oldest first.
    private var admitted: [Alert.Kind: [Duration]] = [:]
    /// Alerts of each kind held back since the last one admitted.
    private var held: [Alert.Kind: Int] = [:]

    /// Creates a limiter with nothing admitted yet.
    public init(policy: AlertDeliveryPolicy) {
        self.policy = policy
    }

    /// Decides about one alert raised at `now`.
    public mutating func admit(_ alert: Alert, now: Duration) -> AlertAdmission {
        guard alert.severity >= policy.minimumSeverity else { return .belowSeverity }
        var times = admitted[alert.kind, default: []]
        times.removeAll { now - $0 >= policy.window }
        guard times.count < policy.perKindLimit else {
            admitted[alert.kind] = times
            held[alert.kind, default: 0] += 1
            return .heldBack(heldSoFar: held[alert.kind, default: 0])
        }
        times.append(now)
        admitted[alert.kind] = times
        let heldBefore = held.removeValue(forKey: alert.kind) ?? 0
        return .deliver(heldBefore: heldBefore)
    }
}

/// What ``AlertRateLimiter`` decided about one alert.
public enum AlertAdmission: Sendable, Hashable {
    /// Deliver it; `heldBefore` alerts of its kind were held back since the last delivered one.
    case deliver(heldBefore: Int)
    /// Over its kind's limit: not delivered; `heldSoFar` of its kind are held back now.
    case heldBack(heldSoFar: Int)
    /// Below the minimum severity: not delivered.
    case belowSeverity
}
