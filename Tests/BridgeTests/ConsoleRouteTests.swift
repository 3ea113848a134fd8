@testable import Bridge
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import Wire

/// The routes the console needs: agent detail, pause and resume, retry, one attempt's
/// transcript and the per-minute history.
@Suite("Routes: the console's agent, retry, log and history routes")
struct ConsoleRouteTests {
    @Test func agentDetailHasTheContractsFieldsAndUnknownAgentsAre404() async throws {
        let cluster = FakeCluster()
        var done = record("t-1", state: .succeeded, agent: "CC02", updated: 5)
        done.totalCostUSD = 0.5
        await cluster.seed(done)
        await cluster.seed(record("t-2", state: .running, agent: "CC02"))
        await cluster.setAgent(AgentStatus(name: "CC02", specialty: "backend", state: .busy, runningTasks: ["t-2"],
                                           limitedUntil: FakeCluster.epoch, limitKind: "five_hour"))
        try await withBridge(cluster: cluster) { client in
            let response = try await client.execute(uri: "/agents/cc02", method: .get)
            #expect(response.status == .ok)
            let json = response.json
            #expect(json["name"] as? String == "CC02" && json["specialty"] as? String == "backend")
            #expect(json["state"] as? String == "busy" && json["pause"] as? String == "running" && json["paused"] as? Bool == false)
            #expect(json["capacity"] as? Int == 1 && json["total_cost_usd"] as? Double == 0.5)
            #expect(json["limited_until"] as? String == "2025-06-15T15:06:40.000Z")
            #expect((json["running"] as? [[String: Any]])?.map { $0["id"] as? String } == ["t-2"])
            #expect((json["recent"] as? [[String: Any]])?.map { $0["id"] as? String } == ["t-1"])
            #expect(json.keys.contains("load") && json["load"] is NSNull)

            let free = try await client.execute(uri: "/agents/CC01", method: .get)
            #expect(free.json["limited_until"] is NSNull)
            let unknown = try await client.execute(uri: "/agents/CC99", method: .get)
            #expect(unknown.status == .notFound)
            #expect(unknown.headers[.contentType] == "application/problem+json")
            // The list is still the list.
            let list = try await client.execute(uri: "/agents/status", method: .get)
            #expect(list.status == .ok && (list.json["agents"] as? [Any])?.count == 3)
        }
    }

    @Test func pauseDrainAndResumeAnswerTheAgent() async throws {
        try await withBridge { client in
            let paused = try await client.execute(uri: "/agents/CC01/pause", method: .post)
            #expect(paused.status == .ok && paused.json["pause"] as? String == "paused" && paused.json["paused"] as? Bool == true)

            let draining = try await client.execute(
                uri: "/agents/cc02/pause", method: .post, headers: jsonHeaders(), body: jsonBody(#"{"drain": true}"#))
            #expect(draining.status == .ok && draining.json["pause"] as? String == "draining")

            let status = try await client.execute(uri: "/agents/status", method: .get)
            let agents = try #require(status.json["agents"] as? [[String: Any]])
            #expect(agents.first { $0["name"] as? String == "CC02" }?["pause"] as? String == "draining")
            #expect(agents.first { $0["name"] as? String == "CC03" }?["paused"] as? Bool == false)

            let resumed = try await client.execute(uri: "/agents/CC01/resume", method: .post)
            #expect(resumed.status == .ok && resumed.json["pause"] as? String == "running")

            #expect(try await client.execute(uri: "/agents/CC99/pause", method: .post).status == .notFound)
            #expect(try await client.execute(uri: "/agents/CC99/resume", method: .post).status == .notFound)
            let notBool = try await client.execute(
                uri: "/agents/CC01/pause", method: .post, headers: jsonHeaders(), body: jsonBody(#"{"drain": "yes"}"#))
            #expect(notBool.status == .unprocessableContent)
            let notJSON = try await client.execute(
                uri: "/agents/CC01/pause", method: .post, headers: jsonHeaders(), body: jsonBody("{drain"))
            #expect(notJSON.status == .badRequest)
            let list = try await client.execute(
                uri: "/agents/CC01/pause", method: .post, headers: jsonHeaders(), body: jsonBody("[true]"))
            #expect(list.status == .unprocessableContent)
        }
    }

    @Test func retryingAFailedTaskSubmitsItsSpecAgainAsANewTask() async throws {
        let cluster = FakeCluster()
        var failed = record("t-old", state: .failed, agent: "CC01")
        failed.spec.parent = "t-parent"
        failed.spec.idempotencyKey = "original-key"
        failed.spec.metadata = ["github.number": "7"]
        await cluster.seed(failed)
        await cluster.seed(record("t-live", state: .running))
        await cluster.seed(record("t-done", state: .succeeded))
        try await withBridge(cluster: cluster) { client in
            let response = try await client.execute(
                uri: "/tasks/t-old/retry", method: .post, headers: jsonHeaders(["Idempotency-Key": "retry-1"]))
            #expect(response.status == .created)
            let id = try #require(response.json["task_id"] as? String)
            #expect(id != "t-old" && response.headers[.location] == "/tasks/\(id)")
            let again = try await client.execute(
                uri: "/tasks/t-old/retry", method: .post, headers: jsonHeaders(["Idempotency-Key": "retry-1"]))
            #expect(again.json["task_id"] as? String == id)

            #expect(try await client.execute(uri: "/tasks/t-live/retry", method: .post).status == .conflict)
            #expect(try await client.execute(uri: "/tasks/t-done/retry", method: .post).status == .conflict)
            #expect(try await client.execute(uri: "/tasks/nope/retry", method: .post).status == .notFound)
        }
        let submitted = await cluster.submitted
        #expect(submitted.count == 1)
        let spec = try #require(submitted.first)
        #expect(spec.title == failed.spec.title && spec.description == failed.spec.description)
        #expect(spec.parent == "t-parent" && spec.idempotencyKey == "retry-1")
        #expect(spec.metadata == ["github.number": "7", "retry_of": "t-old"])
        #expect(await cluster.tasks["t-old"]?.task.state == .failed)
    }

    @Test func theLogOfOneAttemptAndBadAttemptNumbers() async throws {
        let cluster = FakeCluster()
        await cluster.seed(record("t-1", state: .failed))
        await cluster.setLog("last attempt\n", for: "t-1")
        await cluster.setAttemptLog("first attempt\n", for: "t-1", attempt: 1)
        try await withBridge(cluster: cluster) { client in
            #expect(try await client.execute(uri: "/tasks/t-1/log", method: .get).text == "last attempt\n")
            let first = try await client.execute(uri: "/tasks/t-1/log?attempt=1", method: .get)
            #expect(first.status == .ok && first.text == "first attempt\n")
            #expect(try await client.execute(uri: "/tasks/t-1/log?attempt=2", method: .get).status == .notFound)
            #expect(try await client.execute(uri: "/tasks/t-9/log?attempt=1", method: .get).status == .notFound)
            for bad in ["0", "-1", "x", "1.5"] {
                #expect(try await client.execute(uri: "/tasks/t-1/log?attempt=\(bad)", method: .get).status == .badRequest)
            }
        }
    }

    @Test func historyAsksForTheMinutesAndAnswersTheBuckets() async throws {
        let cluster = FakeCluster()
        await cluster.setHistory(TaskHistory(bucketSeconds: 60, buckets: [
            TaskHistoryBucket(start: FakeCluster.epoch, succeeded: 3, failed: 1, cancelled: 0, queueWaitP50Ms: 120, runTimeP50Ms: nil),
        ]))
        try await withBridge(cluster: cluster) { client in
            let response = try await client.execute(uri: "/stats/history", method: .get)
            #expect(response.status == .ok && response.json["bucket_seconds"] as? Int == 60)
            let bucket = try #require((response.json["buckets"] as? [[String: Any]])?.first)
            #expect(bucket["start"] as? String == "2025-06-15T15:06:40.000Z" && bucket["succeeded"] as? Int == 3)
            #expect(bucket["queue_wait_p50_ms"] as? Double == 120 && bucket["run_time_p50_ms"] is NSNull)
            #expect(try await client.execute(uri: "/stats/history?minutes=15", method: .get).status == .ok)
            for bad in ["0", "1441", "many"] {
                #expect(try await client.execute(uri: "/stats/history?minutes=\(bad)", method: .get).status == .badRequest)
            }
        }
        #expect(await cluster.historyQueries == [60, 15])
    }
}

extension FakeCluster {
    func setAttemptLog(_ text: String, for id: String, attempt: Int) { attemptLogs[id, default: [:]][attempt] = text }
    func setHistory(_ history: TaskHistory) { historyAnswer = history }
}
