@testable import Broker
import Foundation
import Logging
import TestSupport
import Testing
import Wire

/// A real broker on a free port, with peers written in Python (pyzmq) straight from the
/// 18/MDP text: both framings must interoperate.
@Suite(.serialized, .timeLimit(.minutes(3))) struct BrokerInteropTests {
    static func startBroker(heartbeat: Duration = .seconds(1)) throws -> (BrokerService, URL) {
        let directory = try TestEnvironment.temporaryDirectory("broker")
        var settings = BrokerSettings(routerEndpoint: "tcp://127.0.0.1:*", publisherEndpoint: "tcp://127.0.0.1:*", dataDirectory: directory)
        settings.state.heartbeat = HeartbeatPolicy(interval: heartbeat, liveness: 3)
        return (try BrokerService(settings: settings, logger: Logger(label: "test-broker")), directory)
    }

    static func python(_ script: String, _ arguments: [String], name: String) throws -> ChildProcess {
        try ChildProcess(name, executable: "/usr/bin/env", arguments: ["python3", "-u", TestEnvironment.interopScript(script)] + arguments)
    }

    @Test(arguments: [("spec", "spec"), ("delimited", "delimited"), ("spec", "delimited"), ("delimited", "spec")])
    func pythonClientAndWorkerInteroperate(clientFraming: String, workerFraming: String) async throws {
        let (broker, _) = try Self.startBroker()
        defer { Task { await broker.stop() } }
        let endpoint = broker.endpoints.router
        let worker = try Self.python("mdp_worker.py", ["--endpoint", endpoint, "--service", "echo", "--framing", workerFraming, "--name", "w"], name: "worker")
        #expect(await worker.waitForLine(containing: "ready for echo") != nil)
        let client = try Self.python("mdp_client.py", ["--endpoint", endpoint, "--service", "echo", "--framing", clientFraming, "--count", "25"], name: "client")
        let status = await client.waitForExit(timeout: .seconds(30))
        #expect(status == 0, "client output: \(client.text)")
        #expect(client.text.contains("answers 25 partials 25 last hello 24"), "client output: \(client.text)")
        await worker.stop()
    }

    @Test func mmiServiceAnswersForPythonClients() async throws {
        let (broker, _) = try Self.startBroker()
        defer { Task { await broker.stop() } }
        let endpoint = broker.endpoints.router
        let worker = try Self.python("mdp_worker.py", ["--endpoint", endpoint, "--service", "echo"], name: "worker")
        #expect(await worker.waitForLine(containing: "ready for echo") != nil)
        let context = try ZMQContext()
        let client = try BusClient(context: context, endpoints: [endpoint])
        defer { client.close() }
        #expect(await TestEnvironment.eventually { (try? await client.serviceStatus("echo")) == .found })
        #expect(try await client.serviceStatus("nobody") == .notFound)
        let unknown = try await client.request(service: "mmi.nonsense", body: ["x"])
        #expect(unknown.first?.string == "501")
        await worker.stop()
    }

    @Test func durableTaskRunsOnAPlainPythonWorker() async throws {
        let (broker, _) = try Self.startBroker()
        defer { Task { await broker.stop() } }
        let worker = try Self.python("mdp_worker.py", ["--endpoint", broker.endpoints.router, "--service", "echo", "--framing", "delimited", "--name", "py"], name: "worker")
        #expect(await worker.waitForLine(containing: "ready") != nil)
        let context = try ZMQContext()
        let client = try ClusterClient(context: context, endpoints: [broker.endpoints.router])
        defer { client.close() }
        let record = try await client.submit(TaskSpec(title: "hello", description: "say hello", target: "echo"))
        #expect(await TestEnvironment.eventually { try await client.task(id: record.id)?.task.state == .succeeded })
        let detail = try #require(try await client.task(id: record.id))
        #expect(detail.task.result?.summary == "done \(record.id) by py")
        #expect(detail.progress.contains { $0.message == "working" })
        await worker.stop()
    }
}
