@testable import Bridge
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import ServiceLifecycle
import Testing
import Wire

@Suite("Bridge over a real socket")
struct LiveServerTests {
    var quietLogger: Logger {
        var logger = Logger(label: "bridge-live-tests")
        logger.logLevel = .critical
        return logger
    }

    @Test func servesOnAnEphemeralPortAndStreamsEvents() async throws {
        let cluster = FakeCluster()
        var done = record("t-1", state: .succeeded, agent: "CC01", updated: 2)
        done.result = TaskResult(outcome: .succeeded, summary: "ok")
        await cluster.seed(record("t-1", state: .running, agent: "CC01", updated: 1))
        cluster.script([ClusterEvent(at: FakeCluster.epoch, payload: .taskState(done, previous: .running))], for: "t-1")
        let server = BridgeServer(
            configuration: BridgeConfiguration(port: 0, keepAliveInterval: .seconds(3600)), cluster: cluster, logger: quietLogger)
        try await server.buildApplication().test(.live) { client in
            #expect(client.port != 0)
            let health = try await client.execute(uri: "/health", method: .get)
            #expect(health.status == .ok)
            let events = try await client.execute(uri: "/tasks/t-1/events", method: .get)
            #expect(events.status == .ok)
            #expect(String(buffer: events.body).contains("event: result"))
        }
    }

    @Test func runsAsAServiceAndStopsOnGracefulShutdown() async throws {
        let (ports, portInput) = AsyncStream.makeStream(of: Int.self)
        let server = BridgeServer(
            configuration: BridgeConfiguration(port: 0), cluster: FakeCluster(), logger: quietLogger,
            onListening: { _, port in portInput.yield(port) })
        let group = ServiceGroup(configuration: .init(services: [server], logger: quietLogger))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var iterator = ports.makeAsyncIterator()
            let port = await iterator.next()
            #expect((port ?? 0) > 0)
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }
}
