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
            } ?? .plainHTTP1)
    }
}
