import AgentNode
import Foundation

extension ConfigurationValidator {
    static let severities = ["info", "warning", "critical"]

    /// Checks `broker.journal` and `broker.alerts`.
    static func validateOperations(_ broker: BrokerSection, fail: (String, String) -> ConfigurationError) throws(ConfigurationError) {
        let journal = broker.journal
        try validateJournalDatabase(journal, fail: fail)
        if let days = journal.retainDays {
            guard days.isFinite, days > 0 else { throw fail("broker.journal.retain_days", "must be greater than 0 (leave it out to keep every task)") }
        }
        guard journal.pruneIntervalSeconds.isFinite, journal.pruneIntervalSeconds >= 1 else {
            throw fail("broker.journal.prune_interval_s", "must be at least 1")
        }
        guard (1...100_000).contains(journal.pruneBatch) else { throw fail("broker.journal.prune_batch", "must be between 1 and 100000") }
        guard journal.transcriptMaxKB >= 1 else { throw fail("broker.journal.transcript_max_kb", "must be at least 1") }
        guard journal.progressMaxLines >= 1 else { throw fail("broker.journal.progress_max_lines", "must be at least 1") }

        let alerts = broker.alerts
        if let url = alerts.webhookURL {
            guard let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme?.lowercased() ?? ""), parsed.host != nil else {
                throw fail("broker.alerts.webhook_url", "'\(url)' is not an http:// or https:// URL")
            }
        }
        if let hook = alerts.hook, hook.isEmpty { throw fail("broker.alerts.hook", "must name an executable") }
        guard alerts.hookTimeoutSeconds.isFinite, alerts.hookTimeoutSeconds > 0 else { throw fail("broker.alerts.hook_timeout_s", "must be greater than 0") }
        guard severities.contains(alerts.minSeverity) else {
            throw fail("broker.alerts.min_severity", "'\(alerts.minSeverity)' is not one of \(severities.joined(separator: ", "))")
        }
        guard (1...100).contains(alerts.maxAttempts) else { throw fail("broker.alerts.max_attempts", "must be between 1 and 100") }
        guard alerts.retryBaseMs >= 0, alerts.retryCapMs >= alerts.retryBaseMs else {
            throw fail("broker.alerts.retry_cap_ms", "must be at least retry_base_ms")
        }
        guard alerts.perKindLimit >= 1 else { throw fail("broker.alerts.per_kind_limit", "must be at least 1") }
        guard alerts.windowSeconds.isFinite, alerts.windowSeconds >= 0 else { throw fail("broker.alerts.window_s", "must be 0 or more") }
        guard alerts.lowDiskMB >= 0 else { throw fail("broker.alerts.low_disk_mb", "must be 0 (off) or more") }
    }

    /// Checks an agent's `on_resource_limit` and `resource_limit_samples`.
    static func validateLimits(_ agent: AgentSection, index: Int, fail: (String, String) -> ConfigurationError) throws(ConfigurationError) {
        let actions = ResourceLimitAction.allCases.map(\.rawValue)
        if let action = agent.onResourceLimit, !actions.contains(action) {
            throw fail("agents[\(index)].on_resource_limit", "'\(action)' is not one of \(actions.joined(separator: ", "))")
        }
        if let samples = agent.resourceLimitSamples, !(1...1000).contains(samples) {
            throw fail("agents[\(index)].resource_limit_samples", "must be between 1 and 1000")
        }
        if agent.onResourceLimit == ResourceLimitAction.stopTask.rawValue, agent.maxCPUPercent == nil, agent.maxMemoryMB == nil {
            throw fail("agents[\(index)].on_resource_limit", "stop_task needs max_cpu_percent or max_memory_mb to enforce")
        }
    }
}
