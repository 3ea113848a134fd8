import Foundation
import Logging
import PostgresNIO
import ServiceLifecycle

/// A broker that shares its PostgreSQL journal with other brokers and serves only while it
/// holds the lease (docs/HA.md): a swift-service-lifecycle `Service` that waits as a
/// standby, takes over when the lease is free or expired, and stops serving and throws
/// ``LeadershipLost`` when it loses it.
///
/// ```swift
/// let broker = HABrokerService(
///     database: journalSettings, name: "b1", endpoint: "tcp://10.0.0.11:5555",
///     policy: LeadershipPolicy(), logger: logger
/// ) { lease in try BrokerService(settings: settings(fencedBy: lease), logger: logger) }
/// try await ServiceGroup(services: [broker], logger: logger).run()
/// ```
public final class HABrokerService: Service, Sendable {
    private let client: PostgresClient
    private let runner: LeadershipRunner
    private let logger: Logger
    public let name: String

    /// - Parameters:
    ///   - database: the journal's database, where the lease rows are.
    ///   - name: this broker's name in the lease row (`broker.ha.name`).
    ///   - endpoint: the ROUTER endpoint clients reach it on (`broker.ha.advertise`).
    ///   - startBroker: opens the journal fenced with the lease just taken (its holder and
    ///     epoch), restores the unfinished tasks, binds and returns the serving broker;
    ///     called on each takeover.
    /// - Throws: when the TLS settings cannot be made.
    public init(
        database: PostgresJournalSettings, name: String, endpoint: String, policy: LeadershipPolicy,
        logger: Logger, startBroker: @escaping @Sendable (LeaderRecord) throws -> BrokerService
    ) throws {
        client = PostgresClient(configuration: try LeaseDatabase.configuration(database, policy: policy), backgroundLogger: logger)
        let store = LeadershipStore(client: client, holder: name, endpoint: endpoint, logger: logger)
        runner = LeadershipRunner(policy: policy, store: store, logger: logger, startBroker: startBroker)
        self.logger = logger
        self.name = name
    }

    /// The broker serving now; nil while this one is a standby.
    public var serving: BrokerService? { runner.serving }

    /// Waits, serves while leading; returns after a graceful shutdown, throws
    /// ``LeadershipLost`` after a step-down.
    public func run() async throws {
        logger.notice("broker \(name) started as a standby: waiting for the lease (heartbeat \(runner.policy.heartbeat), lease \(runner.policy.lease))")
        // Detached: the pool must outlive the graceful shutdown, which it would follow on
        // its own, until the runner has resigned the lease.
        let pool = Task.detached { [client] in await client.run() }
        defer { pool.cancel() }
        try await runner.run()
    }
}
