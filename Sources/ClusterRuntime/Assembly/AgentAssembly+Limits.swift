import AgentNode

extension AgentAssembly {
    /// The limits enforced on each runner: only with `on_resource_limit: stop_task` and at
    /// least one of max_cpu_percent / max_memory_mb; sampled once per heartbeat interval.
    static func runnerLimits(_ agent: AgentSection, heartbeatMs: Int) -> RunnerLimits? {
        guard agent.onResourceLimit == ResourceLimitAction.stopTask.rawValue,
              agent.maxCPUPercent != nil || agent.maxMemoryMB != nil else { return nil }
        return RunnerLimits(
            policy: ResourceLimitPolicy(
                maxCPUPercent: agent.maxCPUPercent,
                maxResidentBytes: agent.maxMemoryMB.map { UInt64(max(0, $0) * 1_048_576) }),
            consecutiveSamples: agent.resourceLimitSamples ?? 3,
            sampleInterval: .milliseconds(heartbeatMs))
    }
}
