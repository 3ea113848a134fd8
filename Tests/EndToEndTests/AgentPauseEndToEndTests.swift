import Foundation
import TestSupport
import Testing
import Wire

/// Two agents of one specialty under `claude-cluster start` (the sample runner stands in
/// for Claude Code): one is paused over HTTP and gets no new task while the other takes
/// them all; a task addressed to it waits; after resume it runs. The CLI drains and
/// resumes an agent, and `status` shows it. The console's other routes answer from the
/// same cluster: agent detail, retry, one attempt's log and the history.
@Suite(.serialized, .timeLimit(.minutes(4))) struct AgentPauseEndToEndTests {
    @Test func aPausedAgentGetsNoNewTaskUntilResumed() async throws {
        let file = try SampleClusterFile(
            "agent-pause-e2e", broker: ["tasks: {max_attempts: 1}"],
            agents: ["{name: CC01, specialty: backend}", "{name: CC02, specialty: backend}"])
        let config = file.path
        let cli = TestEnvironment.clusterExecutable
        let start = try ChildProcess("cluster", executable: cli, arguments: ["start", "--config", config])
        defer { start.signal(SIGKILL) }
        #expect(await start.waitForLine(containing: "HTTP bridge listening") != nil, "cluster did not start: \(start.text)")
        let base = file.baseURL
        func json(_ arguments: [String]) async throws -> [String: Any] {
            let output = try await curl(arguments).output
            return (try? JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any]) ?? ["unreadable": output]
        }
        func submit(_ body: String) async throws -> String {
            let accepted = try await json(["-X", "POST", "\(base)/task", "-H", "content-type: application/json", "-d", body])
            return try #require(accepted["task_id"] as? String, "POST /task: \(accepted)")
        }
        func task(_ id: String) async throws -> [String: Any] {
            try await json(["\(base)/tasks/\(id)"])["task"] as? [String: Any] ?? [:]
        }
        func finished(_ id: String) async throws -> [String: Any] {
            var record: [String: Any] = [:]
            _ = await TestEnvironment.eventually(timeout: .seconds(60), every: .milliseconds(200)) {
                record = try await task(id)
                return ["succeeded", "failed", "dead_lettered", "cancelled", "timed_out"].contains(record["state"] as? String ?? "")
            }
            return record
        }
        #expect(await TestEnvironment.eventually(timeout: .seconds(30), every: .milliseconds(200)) {
            let agents = try await json(["\(base)/agents/status"])["agents"] as? [[String: Any]] ?? []
            return agents.filter { $0["state"] as? String == "healthy" }.count == 2
        }, "agents did not register: \(start.text)")

        // Paused over HTTP: every backend task goes to CC02.
        let paused = try await json(["-X", "POST", "\(base)/agents/cc01/pause"])
        #expect(paused["name"] as? String == "CC01" && paused["pause"] as? String == "paused", "\(paused)")
        let status = try await json(["\(base)/agents/status"])["agents"] as? [[String: Any]] ?? []
        #expect(status.first { $0["name"] as? String == "CC01" }?["paused"] as? Bool == true, "\(status)")
        var ids: [String] = []
        for index in 0..<3 {
            ids.append(try await submit(#"{"type":"api","title":"Backend task \#(index)","description":"work"}"#))
        }
        let addressed = try await submit(#"{"title":"For CC01","description":"work","target":"CC01"}"#)
        for id in ids {
            let record = try await finished(id)
            #expect(record["state"] as? String == "succeeded" && record["agent"] as? String == "CC02", "\(id): \(record)")
        }
        // CC02 finished three tasks meanwhile; the one addressed to CC01 still waits.
        #expect(try await task(addressed)["state"] as? String == "queued")
        let detail = try await json(["\(base)/agents/CC02"])
        #expect((detail["recent"] as? [[String: Any]])?.count == 3 && detail["pause"] as? String == "running", "\(detail)")

        // Resumed over HTTP: the waiting task runs on CC01.
        let resumed = try await json(["-X", "POST", "\(base)/agents/CC01/resume"])
        #expect(resumed["pause"] as? String == "running", "\(resumed)")
        let ran = try await finished(addressed)
        #expect(ran["state"] as? String == "succeeded" && ran["agent"] as? String == "CC01", "\(ran)")

        // The CLI drains CC02; status shows it; a backend task then goes to CC01.
        let drained = try await runCommand(cli, ["agent-pause", "CC02", "--drain", "--config", config])
        #expect(drained.status == 0 && drained.output.contains("agent CC02 is paused"), "\(drained.output)")
        let table = try await runCommand(cli, ["status", "--config", config]).output
        #expect(table.contains("healthy,paused"), "status: \(table)")
        let next = try await finished(try await submit(#"{"type":"api","title":"After the drain","description":"work"}"#))
        #expect(next["agent"] as? String == "CC01", "\(next)")
        let back = try await runCommand(cli, ["agent-resume", "cc02", "--config", config])
        #expect(back.status == 0 && back.output.contains("agent CC02 gets work"), "\(back.output)")
        let unknown = try await runCommand(cli, ["agent-pause", "CC99", "--config", config])
        #expect(unknown.status == 4, "\(unknown.output)")

        // A cancelled task retried over HTTP runs again as a new task; the history counts them.
        let held = try await submit(#"{"title":"Cancel me","description":"work","target":"nobody-serves-this"}"#)
        _ = try await curl(["-X", "DELETE", "\(base)/tasks/\(held)"])
        let retried = try await json(["-X", "POST", "\(base)/tasks/\(held)/retry"])
        let retryID = try #require(retried["task_id"] as? String, "\(retried)")
        let retryTask = try await task(retryID)
        #expect((retryTask["spec"] as? [String: Any]).flatMap { $0["metadata"] as? [String: String] }?["retry_of"] == held)
        let first = try await curl(["-w", "%{http_code}", "\(base)/tasks/\(ids[0])/log?attempt=1"]).output
        #expect(first.hasSuffix("200") && first.count > 3, "log?attempt=1: \(first)")
        #expect(try await curl(["-w", "%{http_code}", "-o", "/dev/null", "\(base)/tasks/\(ids[0])/log?attempt=2"]).output == "404")
        let history = try await json(["\(base)/stats/history?minutes=5"])
        let buckets = history["buckets"] as? [[String: Any]] ?? []
        #expect(buckets.count == 5 && buckets.reduce(0) { $0 + ($1["succeeded"] as? Int ?? 0) } == 5, "\(history)")
        #expect(buckets.reduce(0) { $0 + ($1["cancelled"] as? Int ?? 0) } == 1, "\(history)")

        let stopped = try await runCommand(cli, ["stop", "--config", config])
        #expect(stopped.status == 0, "stop: \(stopped.output)")
        #expect(await start.waitForExit(timeout: .seconds(30)) == 0, "cluster output: \(start.text)")
    }
}
