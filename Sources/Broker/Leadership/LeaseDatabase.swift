import NIOSSL
import PostgresNIO

/// The lease's own connection pool to the journal's database: small, so that renewals
/// never queue behind the journal's batches, and quick to give up on connecting.
enum LeaseDatabase {
    static func configuration(_ settings: PostgresJournalSettings, policy: LeadershipPolicy) throws -> PostgresClient.Configuration {
        let tls: PostgresClient.Configuration.TLS
        switch settings.url.tlsMode {
        case .disable:
            tls = .disable
        case .require:
            var tlsConfiguration = TLSConfiguration.makeClientConfiguration()
            tlsConfiguration.certificateVerification = .none
            tls = .require(tlsConfiguration)
        case .verifyFull:
            tls = .require(.makeClientConfiguration())
        }
        var configuration = PostgresClient.Configuration(
            host: settings.url.host, port: settings.url.port, username: settings.url.user,
            password: settings.password?.value, database: settings.url.database, tls: tls)
        configuration.options.maximumConnections = 2
        configuration.options.connectTimeout = min(settings.connectTimeout, policy.heartbeat)
        configuration.options.additionalStartupParameters =
            [("application_name", "claude-cluster broker lease")] + policy.leaseSessionLimits.startupParameters
        return configuration
    }
}
