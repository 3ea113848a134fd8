@testable import Bridge
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import Wire

@Suite("Routes: index, health, agents")
struct OverviewRouteTests {
    @Test func indexDescribesServiceAgentsAndEndpoints() async throws {
        try await withBridge { client in
            let response = try await client.execute(uri: "/", method: .get)
            #expect(response.status == .ok)
            let json = response.json
            #expect(json["service"] as? String == "claude-code-cluster")
            #expect(json["version"] as? String == BridgeConfiguration.defaultVersion)
            let agents = json["agents"] as? [String: Int]
            #expect(agents == ["total": 3, "healthy": 1, "busy": 1, "offline": 1])
            let endpoints = json["endpoints"] as? [String: String] ?? [:]
            #expect(endpoints["GET /tasks/{id}/events"] != nil)
            #expect(endpoints["POST /webhook"] != nil)
        }
    }

    @Test func indexWorksWithBrokerDown() async throws {
        let cluster = FakeCluster()
        await cluster.fail(with: .unavailable("no broker on tcp://127.0.0.1:5555"))
        try await withBridge(cluster: cluster) { client in
            let response = try await client.execute(uri: "/", method: .get)
            #expect(response.status == .ok)
            let broker = response.json["broker"] as? [String: Any]
            #expect(broker?["reachable"] as? Bool == false)
            #expect((broker?["error"] as? String)?.contains("tcp://127.0.0.1:5555") == true)
        }
    }

    @Test func healthReportsBroker() async throws {
        try await withBridge { client in
            let response = try await client.execute(uri: "/health", method: .get)
            #expect(response.status == .ok)
            #expect(response.json["status"] as? String == "ok")
            #expect((response.json["broker"] as? [String: Any])?["version"] as? String == "9.9.9")
        }
    }

    @Test func healthIs503WithReasonWhenBrokerIsDown() async throws {
        let cluster = FakeCluster()
        await cluster.fail(with: .unavailable("bus closed"))
        try await withBridge(cluster: cluster) { client in
            let response = try await client.execute(uri: "/health", method: .get)
            #expect(response.status == .serviceUnavailable)
            #expect(response.headers[.contentType] == "application/problem+json")
            #expect((response.json["detail"] as? String)?.contains("bus closed") == true)
            #expect(response.json["status"] as? Int == 503)
        }
    }

    @Test func healthIs503WhenBrokerDoesNotAnswerInTime() async throws {
        let cluster = FakeCluster()
        await cluster.fail(with: .hang)
        let configuration = BridgeConfiguration(healthTimeout: .milliseconds(50), keepAliveInterval: .seconds(3600))
        try await withBridge(configuration, cluster: cluster) { client in
            let response = try await client.execute(uri: "/health", method: .get)
            #expect(response.status == .serviceUnavailable)
            #expect((response.json["detail"] as? String)?.contains("did not answer in time") == true)
        }
    }

    @Test func agentsStatusListsEveryAgent() async throws {
        try await withBridge { client in
            let response = try await client.execute(uri: "/agents/status", method: .get)
            #expect(response.status == .ok)
            let agents = response.json["agents"] as? [[String: Any]] ?? []
            #expect(agents.map { $0["name"] as? String } == ["CC01", "CC02", "CC03"])
            #expect(agents.map { $0["state"] as? String } == ["healthy", "busy", "offline"])
            #expect(agents[1]["running_tasks"] as? [String] == ["t-9"])
            #expect(agents[0]["last_heartbeat"] as? String == "2025-06-15T15:06:40.000Z")
            #expect(response.json["counts"] as? [String: Int] == ["total": 3, "healthy": 1, "busy": 1, "offline": 1])
        }
    }

    @Test func agentsStatusIs503WhenBusFails() async throws {
        let cluster = FakeCluster()
        await cluster.fail(with: .unavailable("no route to broker"))
        try await withBridge(cluster: cluster) { client in
            let response = try await client.execute(uri: "/agents/status", method: .get)
            #expect(response.status == .serviceUnavailable)
            #expect((response.json["detail"] as? String)?.contains("no route to broker") == true)
        }
    }

    @Test func unknownPathIsProblem404() async throws {
        try await withBridge { client in
            let response = try await client.execute(uri: "/nope", method: .get)
            #expect(response.status == .notFound)
            #expect(response.headers[.contentType] == "application/problem+json")
            #expect(response.json["detail"] as? String != nil)
        }
    }
}
