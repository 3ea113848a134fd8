import Broker
import Bridge
@testable import ClusterRuntime
import Foundation
import Logging
import TestSupport
import Testing
import Wire

/// The bridge's submit when the broker it asked does not answer (an HA takeover): a keyed
/// submit goes once more to the next broker and makes one task; an unkeyed one is not
/// resent, since a resend could make a second task.
@Suite(.timeLimit(.minutes(1))) struct BusClusterAPIResendTests {
    func broker() throws -> BrokerService {
        let directory = try TestEnvironment.temporaryDirectory("bus-cluster-api")
        return try BrokerService(
            settings: BrokerSettings(routerEndpoint: "tcp://127.0.0.1:*", publisherEndpoint: "tcp://127.0.0.1:*", dataDirectory: directory),
            logger: Logger(label: "test.bus-cluster-api"))
    }

    /// As the bridge makes its client (one attempt per request), the first endpoint dead.
    func api(serving: BrokerService) throws -> (BusClusterAPI, ClusterClient) {
        let nowhere = "tcp://127.0.0.1:\(try TestEnvironment.freePort())"
        let client = try ClusterClient(
            context: try ZMQContext(), endpoints: [nowhere, serving.endpoints.router],
            options: .init(timeout: .milliseconds(300), attempts: 1))
        return (BusClusterAPI(client: client), client)
    }

    @Test func aKeyedSubmitThatTimedOutIsSentToTheNextBrokerOnce() async throws {
        let serving = try broker()
        defer { Task { await serving.stop() } }
        let (api, client) = try api(serving: serving)
        defer { client.close() }
        let spec = TaskSpec(title: "takeover", description: "d", target: "nobody", idempotencyKey: "bridge:resend-1")
        let record = try await api.submit(spec)
        #expect(try await api.submit(spec).id == record.id)
        #expect(try await client.listTasks(TaskListQuery()).tasks.map(\.id) == [record.id])
    }

    @Test func anUnkeyedSubmitThatTimedOutIsNotResent() async throws {
        let serving = try broker()
        defer { Task { await serving.stop() } }
        let (api, client) = try api(serving: serving)
        defer { client.close() }
        await #expect(throws: ClusterAPIError.timeout) {
            _ = try await api.submit(TaskSpec(title: "no key", description: "d", target: "nobody"))
        }
        #expect(try await client.listTasks(TaskListQuery()).tasks.isEmpty)
    }
}
