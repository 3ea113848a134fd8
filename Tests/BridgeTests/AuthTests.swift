@testable import Bridge
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import Wire

@Suite("Bearer token")
struct AuthTests {
    let configuration = BridgeConfiguration(token: "s3cret-token", keepAliveInterval: .seconds(3600))

    @Test(arguments: ["/", "/agents/status", "/tasks", "/tasks/t-1", "/tasks/t-1/events", "/tasks/t-1/log", "/metrics", "/openapi.yaml", "/nowhere"])
    func everythingButPublicPathsNeedsTheToken(uri: String) async throws {
        try await withBridge(configuration) { client in
            let missing = try await client.execute(uri: uri, method: .get)
            #expect(missing.status == .unauthorized)
            #expect(missing.headers[.wwwAuthenticate] == #"Bearer realm="claude-code-cluster""#)
            #expect(missing.headers[.contentType] == "application/problem+json")

            let wrong = try await client.execute(uri: uri, method: .get, headers: [.authorization: "Bearer nope"])
            #expect(wrong.status == .unauthorized)
            #expect(wrong.headers[.wwwAuthenticate]?.contains(#"error="invalid_token""#) == true)
        }
    }

    @Test func postsNeedTheTokenAndNothingIsSubmittedWithout() async throws {
        let cluster = FakeCluster()
        try await withBridge(configuration, cluster: cluster) { client in
            let task = try await client.execute(uri: "/task", method: .post, headers: jsonHeaders(), body: jsonBody(#"{"title":"x"}"#))
            #expect(task.status == .unauthorized)
            let broadcast = try await client.execute(uri: "/broadcast", method: .post, headers: jsonHeaders(), body: jsonBody(#"{"message":"x"}"#))
            #expect(broadcast.status == .unauthorized)
            let cancel = try await client.execute(uri: "/tasks/t-1", method: .delete)
            #expect(cancel.status == .unauthorized)
        }
        #expect(await cluster.submitted.isEmpty)
        #expect(await cluster.broadcasts.isEmpty)
    }

    @Test func rightTokenPasses() async throws {
        try await withBridge(configuration) { client in
            for scheme in ["Bearer", "bearer"] {
                let response = try await client.execute(uri: "/agents/status", method: .get, headers: [.authorization: "\(scheme) s3cret-token"])
                #expect(response.status == .ok)
            }
            let post = try await client.execute(
                uri: "/task", method: .post, headers: jsonHeaders(["Authorization": "Bearer s3cret-token"]), body: jsonBody(#"{"title":"x"}"#))
            #expect(post.status == .accepted)
        }
    }

    @Test func healthAndStatusPageAreOpen() async throws {
        try await withBridge(configuration) { client in
            do {
                let status = try await client.execute(uri: "/health", method: .get).status
                #expect(status == .ok)
            }
            do {
                let status = try await client.execute(uri: "/health/", method: .get).status
                #expect(status == .ok)
            }
            do {
                let status = try await client.execute(uri: "/ui", method: .get).status
                #expect(status == .ok)
            }
        }
    }
}
