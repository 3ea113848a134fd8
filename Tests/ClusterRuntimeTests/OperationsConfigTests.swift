@testable import AgentNode
@testable import Broker
import Foundation
import Testing
import Wire

@testable import ClusterRuntime

@Suite("Config: broker.journal, broker.alerts, on_resource_limit")
struct OperationsConfigTests {
    @Test func journalAndAlertSectionsReachTheBroker() throws {
        let text = """
        cluster: {name: team}
        broker:
          journal: {retain_days: 30, prune_interval_s: 120, prune_batch: 200, transcript_max_kb: 512, progress_max_lines: 50}
          alerts:
            webhook_url: https://hooks.slack.com/services/T/B/secret
            webhook_headers: {X-Token: abc}
            hook: ~/.claude/hooks/on-alert.sh
            min_severity: warning
            max_attempts: 4
            retry_base_ms: 500
            retry_cap_ms: 8000
            per_kind_limit: 3
            window_s: 300
            low_disk_mb: 2048
        """
        let configuration = try ConfigurationLoader.parse(text, file: "c.yaml", environment: [:])
        let section = try #require(configuration.broker)
        let settings = try BrokerAssembly.settings(configuration, section: section)
        #expect(settings.retention == .seconds(30 * 86_400))
        #expect(settings.pruneInterval == .seconds(120))
        #expect(settings.pruneBatchSize == 200)
        #expect(settings.journal.transcriptByteLimit == 512 * 1024)
        #expect(settings.journal.progressLimit == 50)
        #expect(settings.minimumFreeDiskBytes == 2_048_000_000)
        #expect(AlertAssembly.policy(section.alerts) == AlertDeliveryPolicy(
            minimumSeverity: .warning, maxAttempts: 4, baseDelay: .milliseconds(500), maxDelay: .seconds(8),
            perKindLimit: 3, window: .seconds(300)))
        #expect(section.alerts.webhookHeaders == ["X-Token": "abc"])
        #expect(AlertAssembly.dispatcher(configuration, section: section.alerts, logger: .init(label: "t")) != nil)
    }

    @Test func withoutATargetNothingIsDeliveredAndRetentionIsOff() throws {
        let configuration = try ConfigurationLoader.parse("broker: {}\n", file: "c.yaml", environment: [:])
        let section = try #require(configuration.broker)
        #expect(AlertAssembly.dispatcher(configuration, section: section.alerts, logger: .init(label: "t")) == nil)
        let settings = try BrokerAssembly.settings(configuration, section: section)
        #expect(settings.retention == nil)
        #expect(settings.minimumFreeDiskBytes == 1_024_000_000)
        #expect(settings.journal.transcriptByteLimit == 4 * 1024 * 1024)
    }

    @Test func badValuesNameTheirKey() throws {
        let cases: [(String, String)] = [
            ("broker:\n  journal: {retain_days: 0}\n", "broker.journal.retain_days"),
            ("broker:\n  journal: {transcript_max_kb: 0}\n", "broker.journal.transcript_max_kb"),
            ("broker:\n  alerts: {webhook_url: 'ftp://x'}\n", "broker.alerts.webhook_url"),
            ("broker:\n  alerts: {min_severity: loud}\n", "broker.alerts.min_severity"),
            ("broker:\n  alerts: {retry_base_ms: 10, retry_cap_ms: 5}\n", "broker.alerts.retry_cap_ms"),
            ("broker:\n  alerts: {webhok_url: x}\n", "broker.alerts.webhok_url"),
            ("agents:\n  - {name: a, specialty: b, on_resource_limit: kill}\nbus: {endpoints: ['tcp://127.0.0.1:5555'], events: []}\n",
             "agents[0].on_resource_limit"),
            ("agents:\n  - {name: a, specialty: b, on_resource_limit: stop_task}\nbus: {endpoints: ['tcp://127.0.0.1:5555'], events: []}\n",
             "agents[0].on_resource_limit"),
            ("agents:\n  - {name: a, specialty: b, max_memory_mb: 10, resource_limit_samples: 0}\nbus: {endpoints: ['tcp://127.0.0.1:5555'], events: []}\n",
             "agents[0].resource_limit_samples"),
        ]
        for (text, key) in cases {
            let error = try #require(throws: ConfigurationError.self, "\(text)") {
                try ConfigurationLoader.parse(text, file: "c.yaml", environment: [:])
            }
            #expect(error.key.hasPrefix(key), "\(text): \(error)")
        }
    }

    @Test func stopTaskGivesEachRunnerItsLimits() throws {
        let text = """
        broker: {heartbeat_ms: 500}
        agent_defaults: {repository: /tmp/origin.git, max_memory_mb: 2048, on_resource_limit: stop_task}
        agents:
          - {name: CC01, specialty: frontend, resource_limit_samples: 5, max_cpu_percent: 150}
          - {name: CC02, specialty: backend, on_resource_limit: alert}
          - {name: CC03, specialty: infra}
        """
        let configuration = try ConfigurationLoader.parse(text, file: "c.yaml", environment: [:])
        let agents = try configuration.agents.map { try AgentAssembly.agent($0, in: configuration, executablePath: nil) }
        #expect(agents[0].settings.runnerLimits == RunnerLimits(
            policy: ResourceLimitPolicy(maxCPUPercent: 150, maxResidentBytes: 2048 * 1_048_576),
            consecutiveSamples: 5, sampleInterval: .milliseconds(500)))
        #expect(agents[1].settings.runnerLimits == nil)
        #expect(agents[2].settings.runnerLimits?.consecutiveSamples == 3)
    }
}
