@testable import Bridge
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import Wire

@Suite("Routes: server-sent events")
struct EventsRouteTests {
    @Test func streamsStateProgressAndEndsAfterResult() async throws {
        let cluster = FakeCluster()
        await cluster.seed(record("t-1", state: .assigned, agent: "CC01"))
        var running = record("t-1", state: .running, agent: "CC01", updated: 1)
        running.attempts = 1
        var done = record("t-1", state: .succeeded, agent: "CC01", updated: 3)
        done.result = TaskResult(outcome: .succeeded, summary: "Opened PR", pullRequestURL: "https://github.com/acme/widgets/pull/8")
        let late = ProgressUpdate(taskID: "t-1", attempt: 1, sequence: 9, kind: .text, message: "after the end", at: FakeCluster.epoch)
        cluster.script(
            [
                ClusterEvent(at: FakeCluster.epoch, payload: .taskState(running, previous: .assigned)),
                ClusterEvent(
                    at: FakeCluster.epoch,
                    payload: .taskProgress(ProgressUpdate(taskID: "t-1", attempt: 1, sequence: 1, kind: .text, message: "Reading files", at: FakeCluster.epoch))),
                ClusterEvent(at: FakeCluster.epoch, payload: .taskState(done, previous: .running)),
                ClusterEvent(at: FakeCluster.epoch, payload: .taskProgress(late)),
            ], for: "t-1")
        try await withBridge(cluster: cluster) { client in
            let response = try await client.execute(uri: "/tasks/t-1/events", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/event-stream; charset=utf-8")
            #expect(response.headers[.cacheControl] == "no-cache")
            let blocks = response.text.components(separatedBy: "\n\n").filter { !$0.isEmpty }
            let names = blocks.map { block in
                block.split(separator: "\n").first { $0.hasPrefix("event: ") }.map { String($0.dropFirst(7)) }
            }
            #expect(names == ["state", "state", "progress", "state", "result"])
            #expect(blocks.allSatisfy { $0.hasPrefix("id: ") })
            #expect(blocks[0].contains(#""state":"assigned""#))
            #expect(blocks[2].contains("Reading files"))
            #expect(blocks[4].contains(#""pr_url":"https://github.com/acme/widgets/pull/8""#))
            #expect(!response.text.contains("after the end"))
            for block in blocks {
                for line in block.split(separator: "\n") {
                    #expect(line.hasPrefix("id: ") || line.hasPrefix("event: ") || line.hasPrefix("data: "))
                }
            }
        }
        #expect(cluster.subscribed == ["t-1"])
    }

    @Test func unknownTaskIs404() async throws {
        try await withBridge { client in
            let response = try await client.execute(uri: "/tasks/none/events", method: .get)
            #expect(response.status == .notFound)
        }
    }
}
