@testable import Bridge
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import Wire

@Suite("Routes: tasks")
struct TaskRouteTests {
    let originalTask = #"""
    {"type": "frontend_development", "priority": "high", "title": "Build login form",
     "description": "Create a React login form with validation",
     "requirements": ["email field", "password field"], "target": "CC01",
     "labels": ["ui"], "repository": "https://github.com/acme/widgets.git", "source": "github"}
    """#

    @Test func submitAcceptsTheOriginalsTaskJSON() async throws {
        let cluster = FakeCluster()
        try await withBridge(cluster: cluster) { client in
            let response = try await client.execute(uri: "/task", method: .post, headers: jsonHeaders(), body: jsonBody(originalTask))
            #expect(response.status == .accepted)
            #expect(response.json["task_id"] as? String == "t-1")
            #expect(response.json["state"] as? String == "queued")
            #expect(response.json["links"] as? [String: String] == ["self": "/tasks/t-1", "events": "/tasks/t-1/events", "log": "/tasks/t-1/log"])
            #expect(response.headers[.location] == "/tasks/t-1")
        }
        let spec = try #require(await cluster.submitted.first)
        #expect(spec.title == "Build login form")
        #expect(spec.priority == .high)
        #expect(spec.requirements == ["email field", "password field"])
        #expect(spec.target == "CC01")
        #expect(spec.source == .api)  // whatever the body says: it came through the API
        // Made by the bridge, so a resend to the next broker cannot make a second task.
        #expect(spec.idempotencyKey?.hasPrefix("bridge:") == true)
    }

    @Test func aFollowUpNamesItsParent() async throws {
        let cluster = FakeCluster()
        try await withBridge(cluster: cluster) { client in
            let response = try await client.execute(
                uri: "/task", method: .post, headers: jsonHeaders(), body: jsonBody(#"{"title":"also the tests","parent":"t-7"}"#))
            #expect(response.status == .accepted)
        }
        #expect(await cluster.submitted.first?.parent == "t-7")
    }

    @Test func idempotencyKeyHeaderMakesRepeatsOneTask() async throws {
        let cluster = FakeCluster()
        try await withBridge(cluster: cluster) { client in
            let headers = jsonHeaders(["Idempotency-Key": "order-77"])
            let first = try await client.execute(uri: "/task", method: .post, headers: headers, body: jsonBody(#"{"title":"once"}"#))
            let second = try await client.execute(uri: "/task", method: .post, headers: headers, body: jsonBody(#"{"title":"once"}"#))
            #expect(first.json["task_id"] as? String == second.json["task_id"] as? String)
        }
        #expect(await cluster.submitted.count == 1)
        #expect(await cluster.submitted.first?.idempotencyKey == "order-77")
    }

    @Test func submitErrorsAreProblems() async throws {
        try await withBridge { client in
            let notJSON = try await client.execute(uri: "/task", method: .post, headers: jsonHeaders(), body: jsonBody("{nope"))
            #expect(notJSON.status == .badRequest)
            #expect(notJSON.headers[.contentType] == "application/problem+json")

            let noTitle = try await client.execute(uri: "/task", method: .post, headers: jsonHeaders(), body: jsonBody(#"{"type":"x"}"#))
            #expect(noTitle.status == .unprocessableContent)
            #expect((noTitle.json["detail"] as? String)?.contains("title") == true)

            let badPriority = try await client.execute(uri: "/task", method: .post, headers: jsonHeaders(), body: jsonBody(#"{"title":"x","priority":"whenever"}"#))
            #expect(badPriority.status == .unprocessableContent)

            let text = try await client.execute(uri: "/task", method: .post, headers: [.contentType: "text/plain"], body: jsonBody("do it"))
            #expect(text.status == .unsupportedMediaType)
        }
    }

    @Test func oversizedBodyIs413() async throws {
        let configuration = BridgeConfiguration(bodyLimits: BodyLimits(webhook: 1024, standard: 64), keepAliveInterval: .seconds(3600))
        try await withBridge(configuration) { client in
            let big = #"{"title":""# + String(repeating: "x", count: 200) + #""}"#
            let response = try await client.execute(uri: "/task", method: .post, headers: jsonHeaders(), body: jsonBody(big))
            #expect(response.status == .contentTooLarge)
            #expect((response.json["detail"] as? String)?.contains("64 bytes") == true)
        }
    }

    @Test func aDescriptionOver512KiBIs413WithinTheBodyLimit() async throws {
        try await withBridge { client in
            let description = String(repeating: "y", count: TaskSpec.maxDescriptionBytes + 1)
            let big = #"{"title":"Big","description":""# + description + #""}"#
            let response = try await client.execute(uri: "/task", method: .post, headers: jsonHeaders(), body: jsonBody(big))
            #expect(response.status == .contentTooLarge)
            #expect((response.json["detail"] as? String)?.contains("over the limit of 524288 bytes (512 KiB)") == true)
            let fits = #"{"title":"Fits","description":""# + String(repeating: "y", count: 300 * 1024) + #""}"#
            let accepted = try await client.execute(uri: "/task", method: .post, headers: jsonHeaders(), body: jsonBody(fits))
            #expect(accepted.status == .accepted)
        }
    }

    @Test func submitWithBrokerDownIs503WithReason() async throws {
        let cluster = FakeCluster()
        await cluster.fail(with: .unavailable("broker tcp://127.0.0.1:5555 not answering"))
        try await withBridge(cluster: cluster) { client in
            let response = try await client.execute(uri: "/task", method: .post, headers: jsonHeaders(), body: jsonBody(#"{"title":"x"}"#))
            #expect(response.status == .serviceUnavailable)
            #expect((response.json["detail"] as? String)?.contains("not answering") == true)
        }
    }

    @Test func listFiltersPassThrough() async throws {
        let cluster = FakeCluster()
        await cluster.seed(record("t-a", state: .queued))
        await cluster.seed(record("t-b", state: .running, agent: "CC02"))
        await cluster.seed(record("t-c", state: .failed, agent: "CC02", source: .github))
        try await withBridge(cluster: cluster) { client in
            let response = try await client.execute(uri: "/tasks?state=running,failed&state=queued&agent=CC02&limit=1", method: .get)
            #expect(response.status == .ok)
            let tasks = response.json["tasks"] as? [[String: Any]] ?? []
            #expect(tasks.map { $0["id"] as? String } == ["t-b"])
            #expect(response.json["next_cursor"] as? String == "cursor-1")

            let bySource = try await client.execute(uri: "/tasks?source=github", method: .get)
            #expect((bySource.json["tasks"] as? [[String: Any]])?.count == 1)
        }
        let query = try #require(await cluster.queries.first)
        #expect(query.states == [.running, .failed, .queued])
        #expect(query.agent == "CC02")
        #expect(query.limit == 1)
    }

    @Test(arguments: ["/tasks?state=done", "/tasks?limit=0", "/tasks?limit=ten", "/tasks?source=email"])
    func listRejectsBadFilters(uri: String) async throws {
        try await withBridge { client in
            let response = try await client.execute(uri: uri, method: .get)
            #expect(response.status == .badRequest)
            #expect(response.headers[.contentType] == "application/problem+json")
        }
    }

    @Test func getReturnsRecordAndProgress() async throws {
        let cluster = FakeCluster()
        let update = ProgressUpdate(taskID: "t-a", attempt: 1, sequence: 1, kind: .toolUse, message: "Edit", at: FakeCluster.epoch)
        await cluster.seed(record("t-a", state: .running, agent: "CC01"), progress: [update])
        try await withBridge(cluster: cluster) { client in
            let response = try await client.execute(uri: "/tasks/t-a", method: .get)
            #expect(response.status == .ok)
            #expect((response.json["task"] as? [String: Any])?["agent"] as? String == "CC01")
            #expect((response.json["progress"] as? [[String: Any]])?.first?["kind"] as? String == "tool_use")

            let missing = try await client.execute(uri: "/tasks/t-zzz", method: .get)
            #expect(missing.status == .notFound)
            #expect((missing.json["detail"] as? String)?.contains("t-zzz") == true)
        }
    }

    @Test func deleteCancels() async throws {
        let cluster = FakeCluster()
        await cluster.seed(record("t-a", state: .running))
        await cluster.seed(record("t-done", state: .succeeded))
        try await withBridge(cluster: cluster) { client in
            let response = try await client.execute(uri: "/tasks/t-a", method: .delete)
            #expect(response.status == .ok)
            #expect(response.json["state"] as? String == "cancelled")
            do {
                let status = try await client.execute(uri: "/tasks/t-unknown", method: .delete).status
                #expect(status == .notFound)
            }
            let finished = try await client.execute(uri: "/tasks/t-done", method: .delete)
            #expect(finished.status == .conflict)
            #expect((finished.json["detail"] as? String)?.contains("already succeeded") == true)
        }
        #expect(await cluster.cancelled == ["t-a"])
    }

    @Test func logIsPlainText() async throws {
        let cluster = FakeCluster()
        await cluster.seed(record("t-a", state: .succeeded))
        await cluster.setLog("line one\nline two\n", for: "t-a")
        try await withBridge(cluster: cluster) { client in
            let response = try await client.execute(uri: "/tasks/t-a/log", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/plain; charset=utf-8")
            #expect(response.text == "line one\nline two\n")
            do {
                let status = try await client.execute(uri: "/tasks/t-b/log", method: .get).status
                #expect(status == .notFound)
            }
        }
    }
}
