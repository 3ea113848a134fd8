@testable import Bridge
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// A stand-in for the agent's snapshot: the server only encodes what it is given.
struct SampleStatus: Encodable, Sendable {
    var name = "CC01"
    var state = "busy"
    var runningTasks = ["T-1"]
}

@Suite("An agent's status port")
struct AgentStatusServerTests {
    var quietLogger: Logger {
        var logger = Logger(label: "agent-status-tests")
        logger.logLevel = .critical
        return logger
    }

    func server(host: String = "127.0.0.1", port: Int = 0, token: String? = nil) -> AgentStatusServer<SampleStatus> {
        AgentStatusServer(
            agent: "CC01", host: host, port: port, token: token, logger: quietLogger,
            status: { SampleStatus() }, stateOf: { $0.state })
    }

    @Test("GET /health and GET /status answer with the agent's data on loopback, no token needed")
    func loopback() async throws {
        try await server().buildApplication().test(.router) { client in
            let health = try await client.execute(uri: "/health", method: .get)
            #expect(health.status == .ok)
            let healthBody = try JSONSerialization.jsonObject(with: Data(buffer: health.body)) as? [String: String]
            #expect(healthBody == ["status": "ok", "agent": "CC01", "state": "busy"])
            let status = try await client.execute(uri: "/status", method: .get)
            #expect(status.status == .ok)
            #expect(status.headers[.contentType] == "application/json; charset=utf-8")
            let body = try JSONSerialization.jsonObject(with: Data(buffer: status.body)) as? [String: Any]
            #expect(body?["name"] as? String == "CC01")
            #expect(body?["runningTasks"] as? [String] == ["T-1"])
            #expect(try await client.execute(uri: "/tasks", method: .get).status == .notFound)
        }
    }

    @Test("With a token, /status needs it and /health stays open")
    func token() async throws {
        try await server(host: "0.0.0.0", token: "s3cret").buildApplication().test(.router) { client in
            #expect(try await client.execute(uri: "/health", method: .get).status == .ok)
            let missing = try await client.execute(uri: "/status", method: .get)
            #expect(missing.status == .unauthorized)
            #expect(missing.headers[.wwwAuthenticate] == #"Bearer realm="claude-code-cluster""#)
            #expect(try await client.execute(uri: "/status", method: .get, headers: [.authorization: "Bearer nope"]).status == .unauthorized)
            #expect(try await client.execute(uri: "/status", method: .get, headers: [.authorization: "Bearer s3cret"]).status == .ok)
        }
    }

    @Test("Beyond loopback without a token it refuses to start; a bad port is refused too")
    func refusals() {
        #expect(throws: AgentStatusServerError.tokenRequired(agent: "CC01", host: "0.0.0.0")) { try server(host: "0.0.0.0").validate() }
        #expect(throws: AgentStatusServerError.tokenRequired(agent: "CC01", host: "192.168.1.20")) {
            try server(host: "192.168.1.20", token: "").validate()
        }
        #expect(throws: AgentStatusServerError.invalidPort(agent: "CC01", port: 70_000)) { try server(port: 70_000).validate() }
        #expect(throws: Never.self) { try server(host: "localhost").validate() }
        #expect(AgentStatusServerError.tokenRequired(agent: "CC01", host: "0.0.0.0").description.contains("status_token"))
    }

    @Test("Served over a real socket on a port the kernel picks")
    func live() async throws {
        try await server().buildApplication().test(.live) { client in
            #expect(client.port != 0)
            let health = try await client.execute(uri: "/health", method: .get)
            #expect(health.status == .ok)
        }
    }
}
