import ArgumentParser
import ClusterRuntime
import Foundation
import Wire

/// How a client command finds the broker: flags first, then the config file, then the
/// local defaults (tcp://127.0.0.1:5555 and :5556).
struct ConnectionOptions: ParsableArguments {
    @Option(name: .long, help: "Cluster configuration file; gives the broker's address and keys.")
    var config: String?

    @Option(name: .customLong("broker"), help: "Broker endpoint (repeat for failover), e.g. tcp://127.0.0.1:5555.")
    var brokers: [String] = []

    @Option(name: .customLong("subscribe"), help: "Broker PUB endpoint for live events, e.g. tcp://127.0.0.1:5556.")
    var publishers: [String] = []

    @Option(help: "Seconds to wait for each answer from the broker.")
    var timeout: Double = 5

    func loadConfiguration() throws -> ClusterConfiguration? {
        guard let config else { return nil }
        do {
            return try ConfigurationLoader.load(path: config)
        } catch {
            throw CommandFailure(error.description, code: .usage)
        }
    }

    /// Runs `body` with a connected client and closes it afterwards; a failure is printed
    /// and becomes the exit status (see `runReporting`).
    func withClient(_ body: (ClusterClient) async throws -> Void) async throws {
        try await runReporting {
            let client = try makeClient()
            defer { client.close() }
            try await body(client)
        }
    }

    /// A connected management client; sockets connect lazily, so this never waits.
    func makeClient(security overriding: BusClientSecurity? = nil) throws -> ClusterClient {
        let configuration = try loadConfiguration()
        let routers = brokers.isEmpty ? (configuration?.routerEndpoints ?? ["tcp://127.0.0.1:5555"]) : brokers
        let events = publishers.isEmpty ? (configuration?.publisherEndpoints ?? ["tcp://127.0.0.1:5556"]) : publishers
        do {
            let security = try overriding ?? configuration.flatMap { try ClientKeys.load(for: $0) }
            let context = try ZMQContext()
            return try ClusterClient(
                context: context, endpoints: routers, eventEndpoints: events,
                options: .init(timeout: .milliseconds(Int(timeout * 1000)), attempts: 2, security: security))
        } catch let error as BusClientError {
            throw CommandFailure(error.description, code: .unreachable)
        } catch let failure as CommandFailure {
            throw failure
        } catch {
            throw CommandFailure("\(error)", code: .failure)
        }
    }
}

extension ConnectionOptions {
    /// These options as a command started by an agent's runner needs them: with no
    /// `--broker` and no `--config`, the broker comes from `CLUSTER_BROKER`
    /// (comma-separated endpoints).
    func withRunnerBroker(_ environment: [String: String]) -> ConnectionOptions {
        var options = self
        if options.brokers.isEmpty, options.config == nil, let broker = environment["CLUSTER_BROKER"] {
            options.brokers = broker.split(separator: ",").map(String.init)
        }
        return options
    }

    /// A client with the bus keys an agent hands its runner through the environment,
    /// unless `--config` names keys of its own.
    func makeRunnerClient(_ environment: [String: String]) throws -> ClusterClient {
        let environmentKeys: BusClientSecurity?
        do {
            environmentKeys = config == nil ? try ClientKeys.load(environment: environment) : nil
        } catch {
            throw CommandFailure("the bus keys named by the environment cannot be used: \(error)", code: .failure)
        }
        return try makeClient(security: environmentKeys)
    }
}

/// `--json` on read commands.
struct OutputOptions: ParsableArguments {
    @Flag(help: "Print JSON instead of a table.")
    var json = false
}
