@testable import Bridge
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import TestSupport
import Testing
import Wire

/// The event stream over a real socket delivers each event as it happens: a client reads
/// the first progress while the task is still running. A bridge that held every event back
/// until the result would fail here, where reading the stream to its end could not tell.
@Suite("Bridge: task events as they happen")
struct EventStreamLiveTests {
    @Test func progressArrivesBeforeTheTaskEnds() async throws {
        let cluster = FakeCluster()
        var running = record("t-1", state: .running, agent: "CC01", updated: 1)
        running.attempts = 1
        await cluster.seed(running)
        let feed = cluster.openFeed(for: "t-1")
        defer { feed.finish() }
        var logger = Logger(label: "bridge-live-events")
        logger.logLevel = .critical
        let server = BridgeServer(
            configuration: BridgeConfiguration(port: 0, keepAliveInterval: .seconds(3600)), cluster: cluster, logger: logger)
        try await server.buildApplication().test(.live) { client in
            let port = try #require(client.port)
            // curl -N prints each line as it arrives; ChildProcess captures them as they come.
            let reader = try ChildProcess(
                "curl", executable: "/usr/bin/env",
                arguments: ["curl", "-sN", "--max-time", "60", "http://127.0.0.1:\(port)/tasks/t-1/events"])
            defer { reader.signal(SIGKILL) }
            #expect(await reader.waitForLine(containing: "event: state", timeout: .seconds(20)) != nil, "no opening state: \(reader.text)")

            let progress = ProgressUpdate(taskID: "t-1", attempt: 1, sequence: 1, kind: .text, message: "Reading files", at: FakeCluster.epoch)
            feed.yield(ClusterEvent(at: FakeCluster.epoch, payload: .taskProgress(progress)))
            // The task is still running: nothing has ended the stream or the feed.
            #expect(await reader.waitForLine(containing: "Reading files", timeout: .seconds(20)) != nil, "progress held back: \(reader.text)")
            #expect(reader.isRunning)
            #expect(!reader.text.contains("event: result"))

            var done = record("t-1", state: .succeeded, agent: "CC01", updated: 2)
            done.attempts = 1
            done.result = TaskResult(outcome: .succeeded, summary: "ok")
            feed.yield(ClusterEvent(at: FakeCluster.epoch, payload: .taskState(done, previous: .running)))
            #expect(await reader.waitForExit(timeout: .seconds(20)) == 0, "the stream did not end after the result: \(reader.text)")
            #expect(reader.text.contains("event: result"))
        }
    }
}
