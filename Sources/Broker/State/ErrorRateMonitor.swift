/// Watches attempt outcomes in a sliding window and says when the failure rate crosses
/// the alert threshold, at most once per window.
struct ErrorRateMonitor: Sendable {
    /// What crossed the threshold.
    struct Breach: Sendable, Hashable {
        var failures: Int
        var outcomes: Int
    }

    private struct Outcome: Sendable {
        var at: Duration
        var failed: Bool
    }

    private let policy: ErrorRateAlertPolicy
    private var outcomes = Deque<Outcome>()
    private var failures = 0
    private var lastAlert: Duration?

    init(policy: ErrorRateAlertPolicy) { self.policy = policy }

    /// Records one outcome; returns a breach when an alert is due now.
    mutating func record(failed: Bool, at now: Duration) -> Breach? {
        outcomes.append(Outcome(at: now, failed: failed))
        if failed { failures += 1 }
        while let oldest = outcomes.first, oldest.at <= now - policy.window {
            _ = outcomes.popFirst()
            if oldest.failed { failures -= 1 }
        }
        guard failed, outcomes.count >= policy.minimumOutcomes,
              Double(failures) > policy.threshold * Double(outcomes.count)
        else { return nil }
        if let lastAlert, now - lastAlert < policy.window { return nil }
        lastAlert = now
        return Breach(failures: failures, outcomes: outcomes.count)
    }
}
