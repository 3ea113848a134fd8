import Wire

/// Decides, sample by sample, when a runner has been over its limits long enough to be
/// stopped: ``RunnerLimits/consecutiveSamples`` samples in a row over any limit. A sample
/// within every limit starts the count again. Pure.
struct RunnerLimitEnforcer: Sendable, Hashable {
    let limits: RunnerLimits
    /// Samples in a row over a limit so far.
    private(set) var overInARow = 0

    /// Creates an enforcer that has seen no sample.
    init(limits: RunnerLimits) {
        self.limits = limits
    }

    /// Feeds one sample of the runner's process tree.
    mutating func observe(_ sample: ResourceSample) -> RunnerLimitDecision {
        let breaches = limits.policy.breaches(in: sample)
        guard !breaches.isEmpty else {
            overInARow = 0
            return .withinLimits
        }
        overInARow += 1
        guard overInARow >= limits.consecutiveSamples else { return .over(inARow: overInARow) }
        return .stop(reason: breaches.map(Self.reason).joined(separator: "; "))
    }

    /// "memory 2,150 MB over the 2,048 MB limit", "CPU 180% over the 100% limit"
    /// (MB as `max_memory_mb` counts them: 1,048,576 bytes).
    static func reason(_ breach: ResourceLimitBreach) -> String {
        switch breach {
        case .memory(let bytes, let limit):
            "memory \(GroupedNumberText.text(bytes / 1_048_576)) MB over the \(GroupedNumberText.text(limit / 1_048_576)) MB limit"
        case .cpu(let percent, let limit):
            "CPU \(GroupedNumberText.text(Int(percent.rounded())))% over the \(GroupedNumberText.text(Int(limit.rounded())))% limit"
        }
    }
}

/// What ``RunnerLimitEnforcer`` decided about one sample.
enum RunnerLimitDecision: Sendable, Hashable {
    case withinLimits
    /// Over a limit, not yet long enough to stop.
    case over(inARow: Int)
    /// Stop the runner's process group; the task fails with this reason.
    case stop(reason: String)
}
