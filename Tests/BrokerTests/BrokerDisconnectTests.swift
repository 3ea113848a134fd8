@testable import Broker
import Foundation
import Logging
import TestSupport
import Testing
import Wire

/// The socket monitor wired to the state machine: a killed worker's task moves when its
/// connection closes, not when its heartbeats run out; a worker that comes back within
/// the grace keeps its task and its result is recorded once.
@Suite(.serialized, .timeLimit(.minutes(2))) struct BrokerDisconnectTests {
    static func startBroker(grace: Duration) throws -> BrokerService {
        let directory = try TestEnvironment.temporaryDirectory("broker-disconnect")
        var settings = BrokerSettings(routerEndpoint: "tcp://127.0.0.1:*", publisherEndpoint: "tcp://127.0.0.1:*", dataDirectory: directory)
        settings.state.disconnectGrace = grace
        return try BrokerService(settings: settings, logger: Logger(label: "test-broker"))
    }

    @Test func taskOfAKilledWorkerMovesWhenItsConnectionClosesNotWhenItsHeartbeatsStop() async throws {
        let broker = try Self.startBroker(grace: .milliseconds(200))
        defer { Task { await broker.stop() } }
        let endpoint = broker.endpoints.router
        let victim = try BrokerInteropTests.python("mdp_worker.py", ["--endpoint", endpoint, "--service", "alpha", "--delay-ms", "60000", "--name", "victim"], name: "victim")
        #expect(await victim.waitForLine(containing: "ready") != nil)
        let client = try ClusterClient(context: try ZMQContext(), endpoints: [endpoint])
        defer { client.close() }
        let record = try await client.submit(TaskSpec(title: "long work", description: "work", target: "alpha"))
        #expect(await victim.waitForLine(containing: "got a request") != nil)
        let rescuer = try BrokerInteropTests.python("mdp_worker.py", ["--endpoint", endpoint, "--service", "alpha", "--name", "rescuer"], name: "rescuer")
        #expect(await rescuer.waitForLine(containing: "ready") != nil)
        #expect(await TestEnvironment.eventually { try await client.agents().count == 2 })

        victim.signal(SIGKILL)
        #expect(await TestEnvironment.eventually(timeout: .seconds(20), every: .milliseconds(20)) {
            try await client.task(id: record.id)?.task.state == .succeeded
        })
        #expect(try await client.task(id: record.id)?.task.result?.summary == "done \(record.id) by rescuer")
        // The broker's own reason: the victim's connection closed and it was removed for
        // that, not for silence (which needs liveness × interval = 3 s).
        let counters = await broker.counters()
        #expect(counters.workerConnectionsClosed == 1)
        #expect(counters.workersConnectionLost == 1)
        #expect(counters.tasksRequeuedAfterDisconnect == 1)
        #expect(counters.workersExpired == 0)
        await rescuer.stop()
    }

    /// A hand-driven cluster agent on its own DEALER.
    struct RawAgent {
        let socket: ZMQSocket
        let name: String

        init(_ name: String, service: String, endpoint: String, context: ZMQContext) throws {
            self.name = name
            socket = try context.makeSocket(.dealer)
            try socket.setLinger(.zero)
            try socket.setReceiveTimeout(.seconds(10))
            try socket.connect(endpoint)
            let info = AgentInfo(name: name, specialties: [service], version: "test", host: "localhost")
            try send(.ready(service: service, extensions: [JSONWire.encode(info)]))
        }

        func send(_ command: MDPWorkerCommand) throws {
            try socket.send(MDPCodec.encode(.worker(command), framing: .spec))
        }

        /// The next task assignment, skipping heartbeats.
        func nextAssignment() throws -> TaskAssignment? {
            while let frames = try socket.receive() {
                guard case .worker(.request(_, let body)) = try MDPCodec.decode(frames).message,
                      case .assignment(let assignment) = try AgentRequest(body: body) else { continue }
                return assignment
            }
            return nil
        }
    }

    @Test func agentThatReconnectsWithinTheGraceKeepsItsTaskAndItsResultIsRecordedOnce() async throws {
        // A long grace, so the reconnect is within it however slow the machine is.
        let broker = try Self.startBroker(grace: .seconds(30))
        defer { Task { await broker.stop() } }
        let endpoint = broker.endpoints.router
        let context = try ZMQContext()
        let client = try ClusterClient(context: context, endpoints: [endpoint])
        defer { client.close() }
        let first = try RawAgent("CC07", service: "gamma", endpoint: endpoint, context: context)
        #expect(await TestEnvironment.eventually { try await client.agents().contains { $0.name == "CC07" } })
        let record = try await client.submit(TaskSpec(title: "blip", description: "work", target: "gamma"))
        let assignment = try #require(try first.nextAssignment())
        #expect(assignment.taskID == record.id)

        // The connection breaks (a blip, or a fresh socket after one) ...
        first.socket.close()
        #expect(await TestEnvironment.eventually { await broker.counters().workerConnectionsClosed == 1 })
        // ... and the agent registers again, still running its task, and finishes it.
        let second = try RawAgent("CC07", service: "gamma", endpoint: endpoint, context: context)
        defer { second.socket.close() }
        try second.send(.heartbeat(extensions: [JSONWire.encode(AgentLoad(runningTaskIDs: [record.id]))]))
        let completion = TaskCompletion(taskID: record.id, attempt: assignment.attempt, agent: "CC07",
                                        result: TaskResult(outcome: .succeeded, summary: "done once"))
        let final = MDPWorkerCommand.final(envelope: [Frame("@task:\(record.id):\(assignment.attempt)")], body: [JSONWire.encode(completion)])
        try second.send(final)
        try second.send(final)
        #expect(await TestEnvironment.eventually { try await client.task(id: record.id)?.task.state == .succeeded })
        #expect(await TestEnvironment.eventually { await broker.counters().duplicateResults == 1 })
        let task = try #require(try await client.task(id: record.id)).task
        #expect(task.result?.summary == "done once")
        #expect(task.attempts == 1)
        let counters = await broker.counters()
        #expect(counters.tasksRequeued == 0)
        #expect(counters.workersConnectionLost == 0)
        #expect(counters.tasksDispatched == 1)
    }
}
