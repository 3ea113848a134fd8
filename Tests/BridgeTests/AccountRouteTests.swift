@testable import Bridge
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import Wire

@Suite("Routes: accounts")
struct AccountRouteTests {
    @Test func resumingAPausedAccountAnswersThePauseItLifted() async throws {
        let cluster = FakeCluster()
        await cluster.pause(AccountPause(account: "team", kind: "five_hour", limitedUntil: FakeCluster.epoch, agents: ["CC01"]))
        try await withBridge(cluster: cluster) { client in
            let response = try await client.execute(uri: "/accounts/TEAM/resume", method: .post)
            #expect(response.status == .ok)
            #expect(response.json["account"] as? String == "team")
            #expect(response.json["kind"] as? String == "five_hour")
            #expect(response.json["agents"] as? [String] == ["CC01"])

            let again = try await client.execute(uri: "/accounts/team/resume", method: .post)
            #expect(again.status == .notFound)
        }
    }

    @Test func agentsStatusShowsTheUsageLimit() async throws {
        let limited = AgentStatus(name: "CC01", specialty: "backend", state: .healthy, account: "team",
                                  limitedUntil: FakeCluster.epoch, limitKind: "five_hour")
        try await withBridge(cluster: FakeCluster(agents: [limited])) { client in
            let response = try await client.execute(uri: "/agents/status", method: .get)
            let agent = try #require((response.json["agents"] as? [[String: Any]])?.first)
            #expect(agent["limited_until"] as? String == "2025-06-15T15:06:40.000Z")
            #expect(agent["limit_kind"] as? String == "five_hour" && agent["account"] as? String == "team")
        }
    }

    @Test func statusPageShowsLimitsAndOffersResume() async throws {
        try await withBridge { client in
            let html = try await client.execute(uri: "/ui", method: .get).text
            #expect(html.contains("\"limited until \""))
            #expect(html.contains("\"/accounts/\" + encodeURIComponent(account) + \"/resume\", \"POST\""))
            #expect(html.contains("\"data-test\": \"resume-account\""))
        }
    }
}
