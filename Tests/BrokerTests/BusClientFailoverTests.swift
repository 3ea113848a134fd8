@testable import Broker
import Foundation
import Logging
import TestSupport
import Testing
import Wire

/// How a bus client finds the serving broker among several endpoints when the first one
/// does not answer (a dead broker, or an HA standby, which binds nothing).
@Suite(.timeLimit(.minutes(1))) struct BusClientFailoverTests {
    func broker() throws -> BrokerService {
        let directory = try TestEnvironment.temporaryDirectory("bus-failover")
        return try BrokerService(
            settings: BrokerSettings(routerEndpoint: "tcp://127.0.0.1:*", publisherEndpoint: "tcp://127.0.0.1:*", dataDirectory: directory),
            logger: Logger(label: "test.bus-failover"))
    }

    @Test func aClientWithOneAttemptPerRequestMovesToTheNextBrokerAfterATimeout() async throws {
        let serving = try broker()
        defer { Task { await serving.stop() } }
        let nowhere = "tcp://127.0.0.1:\(try TestEnvironment.freePort())"
        // As the bridge makes its client: one attempt per request.
        let client = try ClusterClient(
            context: try ZMQContext(), endpoints: [nowhere, serving.endpoints.router],
            options: .init(timeout: .milliseconds(300), attempts: 1))
        defer { client.close() }
        await #expect(throws: BusClientError.self) { _ = try await client.info() }
        let info = try await client.info()
        #expect(info.routerEndpoints == [serving.endpoints.router])
    }

    @Test func aRepeatableRequestIsSentAgainToTheNextBrokerWithinOneCall() async throws {
        let serving = try broker()
        defer { Task { await serving.stop() } }
        let nowhere = "tcp://127.0.0.1:\(try TestEnvironment.freePort())"
        let client = try ClusterClient(
            context: try ZMQContext(), endpoints: [nowhere, serving.endpoints.router],
            options: .init(timeout: .milliseconds(300), attempts: 2))
        defer { client.close() }
        let spec = TaskSpec(title: "resent", description: "resent", target: "nobody", idempotencyKey: "failover-1")
        let first = try await client.submit(spec)
        // The same key again: the same task, not a second one.
        let again = try await client.submit(spec)
        #expect(again.id == first.id)
    }
}
