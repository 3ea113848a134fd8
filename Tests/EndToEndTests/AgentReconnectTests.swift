@testable import AgentNode
import Foundation
import Logging
import TestSupport
import Testing
import Wire

/// An agent survives its broker: re-registers after a kill -9 and restart and delivers
/// the task it was running; with two broker endpoints it fails over to the other.
@Suite(.serialized, .timeLimit(.minutes(3))) struct AgentReconnectTests {
    static func agent(
        name: String, specialty: String, endpoints: [String], root: URL, origin: String, delaySeconds: String, liveness: Int = 3
    ) throws -> AgentService {
        let settings = AgentSettings(
            name: name, specialty: specialty,
            workspaceRoot: root.appendingPathComponent("\(name)-workspace"),
            repository: origin,
            runner: RunnerCommand(template: [TestEnvironment.repositoryRoot.appendingPathComponent("scripts/sample-runner").path, "-p", "{prompt}"]),
            logsDirectory: root.appendingPathComponent("\(name)-logs"),
            pullRequestCommand: [],
            environment: ["SAMPLE_RUNNER_DELAY": delaySeconds])
        return try AgentService(
            settings: settings, bus: AgentBusSettings(endpoints: endpoints, liveness: liveness), context: try ZMQContext(),
            logger: Logger(label: name))
    }

    @Test func agentDeliversItsTaskAfterTheBrokerIsKilledAndRestarted() async throws {
        let root = try TestEnvironment.temporaryDirectory("agent-reconnect")
        let origin = try GitFixtures.makeOrigin(in: root)
        let port = try TestEnvironment.freePort()
        let publishPort = try TestEnvironment.freePort()
        let endpoint = "tcp://127.0.0.1:\(port)"
        let data = root.appendingPathComponent("broker")
        var broker = try await BrokerProcess.start(port: port, publishPort: publishPort, dataDirectory: data)
        let agent = try Self.agent(name: "CC01", specialty: "frontend", endpoints: [endpoint], root: root, origin: origin, delaySeconds: "1.2")
        let running = Task { try await agent.run() }
        defer { running.cancel() }

        let client = try ClusterClient(context: try ZMQContext(), endpoints: [endpoint], options: .init(timeout: .seconds(3), attempts: 5))
        defer { client.close() }
        #expect(await TestEnvironment.eventually { try await client.agents().contains { $0.name == "CC01" && $0.state != .offline } })
        let record = try await client.submit(TaskSpec(title: "Add a footer", description: "footer", target: "CC01"))
        #expect(await TestEnvironment.eventually { try await client.task(id: record.id)?.task.state == .running })

        broker.signal(SIGKILL)
        await broker.waitForExit()
        broker = try await BrokerProcess.start(port: port, publishPort: publishPort, dataDirectory: data)

        let done = await TestEnvironment.eventually(timeout: .seconds(40), every: .milliseconds(100)) {
            try await client.task(id: record.id)?.task.state.isTerminal == true
        }
        #expect(done)
        let final = try #require(try await client.task(id: record.id)).task
        #expect(final.state == .succeeded, "ended \(final.state): \(final.error ?? "")")
        #expect(final.agent == "CC01")
        #expect(try GitFixtures.branches(of: origin).contains("cc01/\(record.id)"))
        #expect(try await client.agents().first { $0.name == "CC01" }?.state != .offline)
        await broker.stop()
    }

    @Test func agentFailsOverToTheOtherBroker() async throws {
        let root = try TestEnvironment.temporaryDirectory("agent-failover")
        let origin = try GitFixtures.makeOrigin(in: root)
        let ports = try (0..<4).map { _ in try TestEnvironment.freePort() }
        let first = try await BrokerProcess.start(port: ports[0], publishPort: ports[1], dataDirectory: root.appendingPathComponent("b1"))
        let second = try await BrokerProcess.start(port: ports[2], publishPort: ports[3], dataDirectory: root.appendingPathComponent("b2"))
        let endpoints = ["tcp://127.0.0.1:\(ports[0])", "tcp://127.0.0.1:\(ports[2])"]
        let agent = try Self.agent(name: "CC02", specialty: "backend", endpoints: endpoints, root: root, origin: origin, delaySeconds: "0")
        let running = Task { try await agent.run() }
        defer { running.cancel() }

        // The agent connects to every endpoint at once and keeps the first that comes up
        // (of an HA pair only the active listens): kill the broker it registered with.
        let clients = try endpoints.map { try ClusterClient(context: try ZMQContext(), endpoints: [$0]) }
        defer { for client in clients { client.close() } }
        var registeredAt: Int?
        #expect(await TestEnvironment.eventually {
            for (index, client) in clients.enumerated() where try await client.agents().contains(where: { $0.name == "CC02" }) {
                registeredAt = index
            }
            return registeredAt != nil
        })
        let used = try #require(registeredAt)
        let (killed, survivor) = used == 0 ? (first, second) : (second, first)
        killed.signal(SIGKILL)
        await killed.waitForExit()
        let survivorClient = clients[1 - used]
        #expect(await TestEnvironment.eventually(timeout: .seconds(20)) {
            try await survivorClient.agents().contains { $0.name == "CC02" && $0.state != .offline }
        })
        let record = try await survivorClient.submit(TaskSpec(title: "Add an endpoint", description: "api", target: "backend"))
        #expect(await TestEnvironment.eventually(timeout: .seconds(30)) { try await survivorClient.task(id: record.id)?.task.state == .succeeded })
        await survivor.stop()
    }

    /// The agent sees its broker's connection gone (its socket monitor, or at the latest
    /// its next heartbeat finding no connection to send on) and does not wait for the
    /// broker's silence: with a liveness of 30 heartbeats it is registered, within 10 s,
    /// on a broker that only binds after the first one died.
    @Test func agentLeavesAKilledBrokerWithoutWaitingForItsSilence() async throws {
        let root = try TestEnvironment.temporaryDirectory("agent-close")
        let origin = try GitFixtures.makeOrigin(in: root)
        let ports = try (0..<4).map { _ in try TestEnvironment.freePort() }
        let first = try await BrokerProcess.start(port: ports[0], publishPort: ports[1], dataDirectory: root.appendingPathComponent("b1"))
        let endpoints = ["tcp://127.0.0.1:\(ports[0])", "tcp://127.0.0.1:\(ports[2])"]
        let agent = try Self.agent(
            name: "CC03", specialty: "backend", endpoints: endpoints, root: root, origin: origin, delaySeconds: "0", liveness: 30)
        let running = Task { try await agent.run() }
        defer { running.cancel() }
        let firstClient = try ClusterClient(context: try ZMQContext(), endpoints: [endpoints[0]])
        defer { firstClient.close() }
        #expect(await TestEnvironment.eventually { try await firstClient.agents().contains { $0.name == "CC03" && $0.state != .offline } })
        // Only now the second broker, as a standby that binds after the active died would.
        first.signal(SIGKILL)
        await first.waitForExit()
        let second = try await BrokerProcess.start(port: ports[2], publishPort: ports[3], dataDirectory: root.appendingPathComponent("b2"))
        let secondClient = try ClusterClient(context: try ZMQContext(), endpoints: [endpoints[1]])
        defer { secondClient.close() }
        #expect(await TestEnvironment.eventually(timeout: .seconds(10)) {
            try await secondClient.agents().contains { $0.name == "CC03" && $0.state != .offline }
        })
        await second.stop()
    }
}
