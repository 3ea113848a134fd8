@testable import Bridge
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import Wire

/// The rules where the server and its OpenAPI document must agree, each checked in memory:
/// schemathesis checks them against a live bridge too (HTTPContractTests), but slowly.
@Suite("Routes: what the contract promises")
struct ContractRuleTests {
    @Test(arguments: [
        ("/health", HTTPRequest.Method.post, "GET"),
        ("/task", .get, "POST"),
        ("/tasks/t-1", .post, "GET, DELETE"),
        ("/tasks/t-1/events", .delete, "GET"),
        ("/tasks", .init("TRACE")!, "GET"),
        ("/accounts/team-a/resume", .get, "POST"),
    ])
    func aMethodThePathDoesNotTakeIs405WithAllow(path: String, method: HTTPRequest.Method, allow: String) async throws {
        try await withBridge { client in
            let response = try await client.execute(uri: path, method: method)
            #expect(response.status == .methodNotAllowed)
            #expect(response.headers[.allow] == allow)
            #expect(response.headers[.contentType] == "application/problem+json")
        }
    }

    @Test func anUnknownPathIsStill404() async throws {
        try await withBridge { client in
            let nowhere = try await client.execute(uri: "/nowhere", method: .get)
            #expect(nowhere.status == .notFound)
            let other = try await client.execute(uri: "/tasks/t-1/other", method: .post)
            #expect(other.status == .notFound)
        }
    }

    @Test func methodsAreCheckedAfterTheToken() async throws {
        try await withBridge(BridgeConfiguration(token: "tok", keepAliveInterval: .seconds(3600))) { client in
            let anonymous = try await client.execute(uri: "/task", method: .get)
            #expect(anonymous.status == .unauthorized)
            let allowed = try await client.execute(uri: "/task", method: .get, headers: [.authorization: "Bearer tok"])
            #expect(allowed.status == .methodNotAllowed)
        }
    }

    @Test func aCursorTheClusterDidNotIssueIs400() async throws {
        try await withBridge { client in
            let response = try await client.execute(uri: "/tasks?cursor=forged", method: .get)
            #expect(response.status == .badRequest)
            #expect((response.json["detail"] as? String)?.contains("cursor \"forged\" was not issued") == true)
        }
    }

    @Test(arguments: [
        (#"{"title":"","description":"Do it"}"#, 422),
        (#"{"title":"Fix it","description":" \n\t"}"#, 422),
        (#"{"title":"\u00a0\u3000"}"#, 422),
        (#"{"description":""}"#, 422),
        (#"{}"#, 422),
        (#"{"title":"Fix it"}"#, 202),
        (#"{"description":"Fix the footer"}"#, 202),
    ])
    func blankTitlesAndDescriptionsAreRefused(body: String, status: Int) async throws {
        try await withBridge { client in
            let response = try await client.execute(uri: "/task", method: .post, headers: jsonHeaders(), body: jsonBody(body))
            #expect(response.status.code == status, "\(body): \(response.text)")
        }
    }

    @Test func aMissingTitleIsTheDescriptionsFirstWords() async throws {
        let cluster = FakeCluster()
        let description = String(repeating: " ", count: 80) + "Fix the footer"
        try await withBridge(cluster: cluster) { client in
            let body = try JSONSerialization.data(withJSONObject: ["description": description])
            let response = try await client.execute(uri: "/task", method: .post, headers: jsonHeaders(), body: ByteBuffer(bytes: body))
            #expect(response.status == .accepted)
        }
        #expect(await cluster.submitted.first?.title == "Fix the footer")
    }

    @Test(arguments: [
        (#"{"message":""}"#, 422),
        (#"{"message":5}"#, 422),
        (#"{"message":"hi","from":7}"#, 422),
        (#"{"message":"hi","to":5}"#, 422),
        (#"{"message":"hi","to":["CC01",2]}"#, 422),
        (#"{"message":"hi","to":null}"#, 202),
    ])
    func broadcastMembersAreHeldToTheirSchema(body: String, status: Int) async throws {
        try await withBridge { client in
            let response = try await client.execute(uri: "/broadcast", method: .post, headers: jsonHeaders(), body: jsonBody(body))
            #expect(response.status.code == status, "\(body): \(response.text)")
        }
    }
}
