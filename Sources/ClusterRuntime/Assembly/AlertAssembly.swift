import AgentNode
import Broker
import Foundation
import Logging
import Wire

/// Turns `broker.alerts` into the alert dispatcher, or nil when alerts go nowhere but the bus.
enum AlertAssembly {
    static func dispatcher(_ configuration: ClusterConfiguration, section: AlertsSection, logger: Logger) -> AlertDispatcher? {
        var targets: [any AlertTarget] = []
        if let address = section.webhookURL, let url = URL(string: address) {
            targets.append(WebhookAlertTarget(url: url, headers: section.webhookHeaders ?? [:]))
        }
        if let hook = section.hook {
            targets.append(HookAlertTarget(hook: StandaloneHook(
                path: ClusterConfiguration.expandingTilde(hook),
                timeout: .milliseconds(Int64(section.hookTimeoutSeconds * 1000)))))
        }
        guard !targets.isEmpty else { return nil }
        return AlertDispatcher(targets: targets, policy: policy(section), cluster: configuration.cluster.name, logger: logger)
    }

    static func policy(_ section: AlertsSection) -> AlertDeliveryPolicy {
        AlertDeliveryPolicy(
            minimumSeverity: Alert.Severity(rawValue: section.minSeverity) ?? .info,
            maxAttempts: section.maxAttempts,
            baseDelay: .milliseconds(section.retryBaseMs),
            maxDelay: .milliseconds(section.retryCapMs),
            perKindLimit: section.perKindLimit,
            window: .milliseconds(Int64(section.windowSeconds * 1000)))
    }
}
