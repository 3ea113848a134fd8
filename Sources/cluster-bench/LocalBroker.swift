import Broker
import ClusterRuntime
import Foundation
import Logging
import ClusterHarness
import Wire

/// A broker in this process on free loopback ports, with a fresh journal (SQLite, WAL,
/// durable commits: the defaults; or the PostgreSQL database it is given) and a log file at
/// info level, as `claude-cluster` runs it.
struct LocalBroker {
    let service: BrokerService
    let directory: URL

    var routerEndpoint: String { service.endpoints.router }
    var publisherEndpoint: String { service.endpoints.publisher }

    /// Starts a broker with default settings but for the ports (and the journal, when
    /// `postgres` names a database).
    static func start(label: String, postgres: PostgresJournalSettings? = nil) throws -> LocalBroker {
        let directory = try ScratchDirectory.make("bench-\(label)")
        var settings = BrokerSettings(
            routerEndpoint: "tcp://127.0.0.1:*", publisherEndpoint: "tcp://127.0.0.1:*", dataDirectory: directory)
        settings.postgresJournal = postgres
        let logger = ClusterLogging.logger(
            label: "router", file: directory.appendingPathComponent("router.log").path, consoleLevel: .critical)
        return LocalBroker(service: try BrokerService(settings: settings, context: try ZMQContext(ioThreads: BrokerService.ioThreads), logger: logger), directory: directory)
    }

    /// Stops the broker thread and removes its files.
    func stop() async {
        await service.stop()
        try? FileManager.default.removeItem(at: directory)
    }

    /// A management client of this broker.
    func client(timeout: Duration = .seconds(10), attempts: Int = 1) throws -> ClusterClient {
        try ClusterClient(context: try ZMQContext(), endpoints: [routerEndpoint], options: .init(timeout: timeout, attempts: attempts))
    }
}
