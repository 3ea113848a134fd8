/// What an agent does when a runner crosses its CPU or memory limit
/// (`on_resource_limit` in the agent's config).
public enum ResourceLimitAction: String, Sendable, Hashable, CaseIterable {
    /// Fire `on-resource-limit` and let the broker raise an alert; the task runs on.
    case alert
    /// As `alert`, and a runner over a limit for ``RunnerLimits/consecutiveSamples``
    /// samples in a row has its process group stopped: the task fails with the reason.
    case stopTask = "stop_task"
}

/// The limits enforced on each runner under `on_resource_limit: stop_task`.
public struct RunnerLimits: Sendable, Hashable {
    /// The limits one runner's process tree (its process group) may not cross.
    var policy: ResourceLimitPolicy
    /// Samples in a row over a limit before the runner is stopped (at least 1): one CPU
    /// spike (a compile, a test run) is no reason to throw the work away.
    var consecutiveSamples: Int
    /// Time between two samples.
    var sampleInterval: Duration

    /// Creates the limits; `consecutiveSamples` is at least 1.
    public init(policy: ResourceLimitPolicy, consecutiveSamples: Int = 3, sampleInterval: Duration = .seconds(1)) {
        self.policy = policy
        self.consecutiveSamples = max(1, consecutiveSamples)
        self.sampleInterval = max(.milliseconds(10), sampleInterval)
    }
}
