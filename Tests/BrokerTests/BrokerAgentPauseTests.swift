@testable import Broker
import Foundation
import Logging
import TestSupport
import Testing
import Wire

/// A real broker on real sockets: an agent's pause is journaled, so a restarted broker
/// still holds it, and the agent detail comes back from the journal.
@Suite(.serialized, .timeLimit(.minutes(2))) struct BrokerAgentPauseTests {
    @Test func aPauseSurvivesABrokerRestartUntilResumed() async throws {
        let directory = try TestEnvironment.temporaryDirectory("agent-pause-restart")
        let settings = BrokerSettings(routerEndpoint: "tcp://127.0.0.1:*", publisherEndpoint: "tcp://127.0.0.1:*", dataDirectory: directory)
        let first = try BrokerService(settings: settings, logger: Logger(label: "test-broker"))
        let endpoint = first.endpoints.router
        let agent = try UsageLimitedAgent(endpoint: endpoint, name: "CC01", service: "backend", account: "team", resetAfter: .seconds(1))
        defer { agent.stop() }
        let context = try ZMQContext()
        let client = try ClusterClient(context: context, endpoints: [endpoint], options: .init(timeout: .seconds(5), attempts: 4))
        defer { client.close() }
        #expect(await TestEnvironment.eventually { try await client.agents().contains { $0.name == "CC01" } })

        let paused = try #require(try await client.pauseAgent("cc01", drain: true))
        #expect(paused.name == "CC01" && paused.status.pause == .paused && paused.running.isEmpty && paused.recent.isEmpty)
        #expect(try await client.pauseAgent("CC99") == nil)
        await first.stop()

        let again = BrokerSettings(routerEndpoint: endpoint, publisherEndpoint: "tcp://127.0.0.1:*", dataDirectory: directory)
        let second = try BrokerService(settings: again, logger: Logger(label: "test-broker-2"))
        defer { Task { await second.stop() } }
        // Held before the agent is back, and on the agent once it has registered again.
        #expect(try await client.agent(named: "CC01")?.status.pause == .paused)
        #expect(await TestEnvironment.eventually {
            try await client.agents().first { $0.name == "CC01" && $0.state != .offline }?.pause == .paused
        })
        let metrics = try await client.metrics()
        #expect(metrics.contains("\ncluster_agents_paused 1\n"))

        let resumed = try #require(try await client.resumeAgent("CC01"))
        #expect(resumed.status.pause == .running)
        #expect(try await client.agents().first { $0.name == "CC01" }?.paused == false)
        #expect(try await client.metrics().contains("\ncluster_agents_paused 0\n"))
    }
}
