@testable import Broker
import Foundation
import Logging
import TestSupport
import Testing
import Wire

/// Submit bodies that spell the idempotency key in unusual ways still deduplicate against
/// finished tasks. The broker's shell decides without decoding whether a submit can carry a
/// key (it looks for the key's name or any JSON escape): these pin that shortcut down.
@Suite(.serialized) struct FaultInputTests {
    @Test(arguments: [#""idempotency\u005fkey""#, #""idempotency_key""#])
    func aFinishedTaskIsFoundAgainByItsKeyHowEverTheKeyIsSpelled(keyName: String) async throws {
        let directory = try TestEnvironment.temporaryDirectory("fault-input")
        let settings = BrokerSettings(routerEndpoint: "tcp://127.0.0.1:*", publisherEndpoint: "tcp://127.0.0.1:*", dataDirectory: directory)
        let broker = try BrokerService(settings: settings, logger: Logger(label: "fault-input"))
        defer { Task { await broker.stop() } }
        let worker = try ChildProcess("worker", executable: "/usr/bin/env", arguments: [
            "python3", "-u", TestEnvironment.interopScript("mdp_worker.py"), "--endpoint", broker.endpoints.router, "--service", "echo",
        ])
        #expect(await worker.waitForLine(containing: "ready") != nil, "\(worker.text)")
        let client = try ClusterClient(context: try ZMQContext(), endpoints: [broker.endpoints.router])
        defer { client.close() }

        func submit(_ id: String) async throws -> String {
            let body = #"{"v":1,"id":"\#(id)","payload":{"title":"spelled key","description":"d","target":"echo",\#(keyName):"key-1"}}"#
            let reply = try await client.bus.request(service: ClusterService.taskSubmit, body: [Frame(body)], correlationID: id)
            return try ClusterService.TaskSubmit.decodeReply(reply).get().id
        }

        let first = try await submit("r1")
        #expect(await TestEnvironment.eventually { try await client.task(id: first)?.task.state == .succeeded })
        // Finished, so only the journal knows the key now.
        let again = try await submit("r2")
        #expect(again == first)
        worker.signal(SIGKILL)
        await broker.stop()
        try? FileManager.default.removeItem(at: directory)
    }
}
