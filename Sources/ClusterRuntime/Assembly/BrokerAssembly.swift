import Broker
import Foundation
import Wire

/// Turns the `broker:` section into the broker's settings.
enum BrokerAssembly {
    static func settings(_ configuration: ClusterConfiguration, section: BrokerSection) throws -> BrokerSettings {
        let dataDirectory = URL(fileURLWithPath: configuration.dataDirectory)
        let rules = section.routing.routingRules
        let state = BrokerConfiguration(
            heartbeat: HeartbeatPolicy(interval: .milliseconds(section.heartbeatMs), liveness: section.liveness),
            requestExpiry: .milliseconds(Int(section.requestExpirySeconds * 1000)),
            taskTimeout: .milliseconds(Int(section.tasks.defaultTimeoutSeconds * 1000)),
            retry: RetryPolicy(
                baseDelay: .milliseconds(section.tasks.retryBaseMs),
                maxDelay: .milliseconds(section.tasks.retryCapMs),
                maxAttempts: section.tasks.maxAttempts),
            routingRules: rules,
            defaultSpecialty: section.routing.defaultSpecialty,
            balancing: BalancingStrategy(rawValue: section.routing.balancing) ?? .leastLoaded,
            usageLimits: UsageLimitPolicy(
                autoResume: section.usageLimits.autoResume,
                defaultPause: .milliseconds(Int(section.usageLimits.defaultPauseSeconds * 1000)),
                resumeMargin: .milliseconds(Int(section.usageLimits.resumeMarginSeconds * 1000))),
            version: ClusterVersion.current,
            disconnectGrace: .milliseconds(section.disconnectGraceMs))
        var settings = BrokerSettings(
            routerEndpoint: section.bind,
            publisherEndpoint: section.publish,
            dataDirectory: dataDirectory,
            journal: JournalOptions(
                progressLimit: section.journal.progressMaxLines,
                transcriptByteLimit: section.journal.transcriptMaxKB * 1024),
            state: state,
            security: try security(configuration))
        settings.retention = section.journal.retainDays.map { .milliseconds(Int64($0 * 86_400_000)) }
        settings.pruneInterval = .milliseconds(Int64(section.journal.pruneIntervalSeconds * 1000))
        settings.pruneBatchSize = section.journal.pruneBatch
        settings.minimumFreeDiskBytes = UInt64(max(0, section.alerts.lowDiskMB)) * 1_000_000
        return settings
    }

    /// CURVE server keys: `<keys_dir>/broker.key`, clients admitted from `<keys_dir>/authorized/`.
    /// Both directories must exist and be writable by no one else.
    static func security(_ configuration: ClusterConfiguration) throws -> BrokerSecurity? {
        guard configuration.security.curve, let directory = configuration.security.keysDir else { return nil }
        let keys = ClusterConfiguration.expandingTilde(directory)
        try KeyDirectory.check(keys, hint: "create the broker's key pair with `claude-cluster keygen --name broker --dir \(keys)`")
        let authorized = "\(keys)/\(KeyFiles.authorizedFolder)"
        try KeyDirectory.check(authorized, hint: "create it (mkdir -m 700 \(authorized)) and copy each agent's and client's .pub file into it")
        return BrokerSecurity(
            keyPair: try KeyFiles.readKeyPair(name: "broker", in: keys),
            authorizedKeysDirectory: URL(fileURLWithPath: authorized))
    }
}
