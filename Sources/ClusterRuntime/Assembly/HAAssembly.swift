import Broker
import Logging
import Wire

/// Turns `broker.ha` into a broker that serves only while it holds the lease.
enum HAAssembly {
    static func policy(_ section: HASection) -> LeadershipPolicy {
        LeadershipPolicy(
            heartbeat: .milliseconds(section.heartbeatMs), leaseHeartbeats: section.leaseHeartbeats,
            pollInterval: .milliseconds(section.pollMs))
    }

    /// The HA broker: a standby until it takes the lease, then a ``BrokerService`` on the
    /// shared PostgreSQL journal, every commit fenced with the lease's holder and epoch.
    static func service(
        _ ha: HASection, section: BrokerSection, settings: BrokerSettings, context: ZMQContext, curve: Bool, logger: Logger
    ) throws -> HABrokerService {
        guard let database = settings.postgresJournal else {
            throw LaunchError(description: "broker.ha needs broker.journal.url: the brokers of an HA group share a PostgreSQL journal")
        }
        let policy = policy(ha)
        var settings = settings
        // The server rolls back what a cut-off broker left open before its lease can end.
        settings.postgresJournal?.sessionLimits = policy.journalSessionLimits
        return try HABrokerService(
            database: database, name: ha.name, endpoint: ha.advertisedEndpoint(bind: section.bind), policy: policy, logger: logger
        ) { [settings] record in
            var leased = settings
            leased.journalFence = JournalFence(holder: record.holder, epoch: record.epoch)
            let broker = try BrokerService(settings: leased, context: context, logger: logger)
            logger.notice("broker ready on \(broker.endpoints.router) (events on \(broker.endpoints.publisher)) as the active broker \(record.holder), epoch \(record.epoch)\(curve ? ", CURVE on" : "")")
            return broker
        }
    }
}
