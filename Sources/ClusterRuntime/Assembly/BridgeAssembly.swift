import Bridge
import Foundation

/// Turns the `bridge:` section into the bridge's configuration.
enum BridgeAssembly {
    static func configuration(_ section: BridgeSection) throws -> BridgeConfiguration {
        let address = HostAndPort(section.listen) ?? HostAndPort("127.0.0.1:8888")!
        var rules = WebhookRules()
        rules.triggerPhrase = section.github.triggerPhrase
        rules.trustedLogins = Set(section.github.trustedLogins + section.github.allowBots)
        return BridgeConfiguration(
            host: address.host,
            port: address.port,
            token: section.token,
            githubSecret: section.github.secret,
            webhookRules: rules,
            allowInsecureNonLoopback: section.allowInsecure,
            transport: try section.tls.map { tls in
                .tls(try BridgeTLS(
                    certificatePath: ClusterConfiguration.expandingTilde(tls.certificate),
                    keyPath: ClusterConfiguration.expandingTilde(tls.key)))
            } ?? .plainHTTP1,
            github: roundTrip(section))
    }

    /// `bridge.github` and `bridge.public_url` as the round trip's settings.
    static func roundTrip(_ section: BridgeSection) -> GitHubRoundTripSettings {
        let github = section.github
        return GitHubRoundTripSettings(
            token: github.token,
            apiURL: github.apiURL,
            publicURL: section.publicURL,
            trackingComments: github.trackingComments,
            reactions: github.reactions,
            followUps: github.followUps,
            fixFailedChecks: github.fixFailedChecks,
            maxFixRounds: github.maxFixRounds,
            retryCommand: github.retryCommand,
            editInterval: .milliseconds(Int64((github.editIntervalSeconds * 1000).rounded())),
            pollInterval: .milliseconds(Int64((github.pollIntervalSeconds * 1000).rounded())),
            logTailLines: github.logTailLines)
    }
}
