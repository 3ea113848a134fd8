@testable import Bridge
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import Wire

@Suite("Routes: broadcast")
struct BroadcastRouteTests {
    @Test(arguments: [
        (#"{"message":"deploy freeze","to":"all"}"#, BroadcastTarget.all),
        (#"{"message":"deploy freeze"}"#, BroadcastTarget.all),
        (#"{"message":"css review","to":"frontend"}"#, BroadcastTarget.specialties(["frontend"])),
        (#"{"message":"ops","to":"Infrastructure"}"#, BroadcastTarget.specialties(["infra"])),
        (#"{"message":"hi","to":"cc02"}"#, BroadcastTarget.agents(["CC02"])),
        (#"{"message":"hi","to":["cc01","CC03"]}"#, BroadcastTarget.agents(["CC01", "CC03"])),
    ])
    func targets(body: String, target: BroadcastTarget) async throws {
        let cluster = FakeCluster()
        try await withBridge(cluster: cluster) { client in
            let response = try await client.execute(uri: "/broadcast", method: .post, headers: jsonHeaders(), body: jsonBody(body))
            #expect(response.status == .accepted)
            #expect(response.json["recipients"] as? Int == 3)
            #expect(response.json["status"] as? String == "sent")
        }
        let sent = try #require(await cluster.broadcasts.first)
        #expect(sent.target == target)
        #expect(sent.sentAt == FakeCluster.epoch)
    }

    @Test func originalFreeFormBodyIsBroadcastAsJSON() async throws {
        let cluster = FakeCluster()
        try await withBridge(cluster: cluster) { client in
            let response = try await client.execute(
                uri: "/broadcast", method: .post, headers: jsonHeaders(), body: jsonBody(#"{"announcement":"standup in 5","priority":"high"}"#))
            #expect(response.status == .accepted)
        }
        let sent = try #require(await cluster.broadcasts.first)
        #expect(sent.message == #"{"announcement":"standup in 5","priority":"high"}"#)
        #expect(sent.target == .all)
        #expect(sent.from == "api")
    }

    @Test func badBodiesAreProblems() async throws {
        try await withBridge { client in
            do {
                let status = try await client.execute(uri: "/broadcast", method: .post, headers: jsonHeaders(), body: jsonBody("nope")).status
                #expect(status == .badRequest)
            }
            do {
                let status = try await client.execute(uri: "/broadcast", method: .post, headers: jsonHeaders(), body: jsonBody(#"["a"]"#)).status
                #expect(status == .unprocessableContent)
            }
            do {
                let status = try await client.execute(uri: "/broadcast", method: .post, headers: jsonHeaders(), body: jsonBody(#"{"message":"  "}"#)).status
                #expect(status == .unprocessableContent)
            }
            do {
                let status = try await client.execute(uri: "/broadcast", method: .post, headers: [.contentType: "text/plain"], body: jsonBody("hi")).status
                #expect(status == .unsupportedMediaType)
            }
        }
    }
}
