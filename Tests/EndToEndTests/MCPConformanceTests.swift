import Foundation
import TestSupport
import Testing

/// The cluster's MCP tools against the official MCP Python client (PyPI `mcp`): over
/// stdio (`claude-cluster mcp`) and over the bridge's `/mcp` (Streamable HTTP, bearer token).
///
/// A real cluster (`claude-cluster start`: broker, bridge, two agents with the sample
/// runner) answers the calls; Tests/Support/mcp_conformance.py makes them and reports.
@Suite(.serialized, .timeLimit(.minutes(5))) struct MCPConformanceTests {
    static let token = "mcp-conformance-token"
    static let toolNames = [
        "ask_agent", "broadcast", "cancel_task", "get_task", "list_agents", "list_tasks", "submit_task", "wait_for_task",
    ]

    struct Cluster {
        var config: String
        var httpPort: Int
    }

    static func makeCluster() throws -> Cluster {
        let file = try SampleClusterFile(
            "mcp", bridge: ["token: \(token)"],
            agents: ["{name: CC01, specialty: frontend}", "{name: CC02, specialty: backend}"])
        return Cluster(config: file.path, httpPort: file.httpPort)
    }

    /// Runs the conformance client and returns its JSON report.
    static func report(_ arguments: [String]) async throws -> [String: Any] {
        let script = TestEnvironment.repositoryRoot.appendingPathComponent("Tests/Support/mcp_conformance.py").path
        let child = try ChildProcess("mcp-client", executable: "/usr/bin/env", arguments: ["python3", script] + arguments)
        let status = await child.waitForExit(timeout: .seconds(150))
        if status == nil { child.signal(SIGKILL) }
        let line = child.text.split(separator: "\n").last { $0.hasPrefix("{\"idempotency_key\"") }
        let report = line.flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        return try #require(report, "no report from the MCP client (exit \(String(describing: status))): \(child.text)")
    }

    /// What every transport must show: the handshake, valid schemas, every tool working,
    /// and failures as tool errors that say what to do.
    static func checkConformance(_ report: [String: Any], transport: String) {
        #expect(report["failure"] == nil, "\(transport): \(report)")
        #expect(report["server"] as? String == "claude-code-cluster", "\(transport): \(report)")
        #expect(report["has_tools_capability"] as? Bool == true, "\(transport)")
        #expect(report["tools"] as? [String] == toolNames, "\(transport): \(report["tools"] ?? "none")")
        #expect((report["schema_problems"] as? [String])?.isEmpty == true, "\(transport): \(report["schema_problems"] ?? "none")")
        let calls = report["calls"] as? [String: [String: Any]] ?? [:]
        func call(_ label: String) -> (isError: Bool?, text: String) {
            (calls[label]?["is_error"] as? Bool, calls[label]?["text"] as? String ?? "")
        }
        for tool in toolNames + ["submit_queued"] {
            #expect(call(tool).isError == false, "\(transport) \(tool): \(call(tool).text)")
        }
        #expect(call("list_agents").text.contains("CC02: backend"), "\(transport): \(call("list_agents").text)")
        #expect(call("submit_task").text.contains("Submitted task"), "\(transport): \(call("submit_task").text)")
        #expect(call("wait_for_task").text.contains("succeeded on CC02"), "\(transport): \(call("wait_for_task").text)")
        #expect(call("cancel_task").text.contains("cancelled"), "\(transport): \(call("cancel_task").text)")
        #expect(!call("ask_agent").text.isEmpty, "\(transport): the help answer is empty")
        #expect(call("broadcast").text.contains("2 agent(s)"), "\(transport): \(call("broadcast").text)")
        // Over stdio progress travels in order with the answer. Over /mcp the SDK (0.12.1)
        // sends every notification on the session's GET stream, which the client opens on
        // its own schedule, so a fast answer can come before it: not checked there.
        if transport == "stdio" {
            let progress = report["progress_messages"] as? [String] ?? []
            #expect(progress.contains { $0.contains("asking backend") }, "\(transport): progress \(progress)")
        }

        let errors: [(label: String, fragment: String)] = [
            ("error_unknown_task", "There is no task \"no-such-task\""),
            ("error_missing_argument", "`title` is required"),
            ("error_wrong_type", "`timeout_seconds` must be a positive number"),
            ("error_nobody_serves", "No agent serves \"nobody-serves-this\""),
            ("error_unknown_agent", "There is no agent \"NO-SUCH-AGENT\""),
            ("error_cancel_ended", "cannot be cancelled"),
            ("error_unknown_tool", "no_such_tool"),
        ]
        for (label, fragment) in errors {
            #expect(call(label).isError == true, "\(transport) \(label) should be a tool error: \(call(label).text)")
            #expect(call(label).text.contains(fragment), "\(transport) \(label): \(call(label).text)")
        }
    }

    @Test func stdioAndStreamableHTTPWithTheOfficialClient() async throws {
        let cluster = try Self.makeCluster()
        let cli = TestEnvironment.clusterExecutable
        let start = try ChildProcess("cluster", executable: cli, arguments: ["start", "--config", cluster.config])
        defer { start.signal(SIGKILL) }
        #expect(await start.waitForLine(containing: "HTTP bridge listening") != nil, "cluster did not start: \(start.text)")
        let registered = await TestEnvironment.eventually(timeout: .seconds(30), every: .milliseconds(200)) {
            let child = try ChildProcess("status", executable: cli, arguments: ["status", "--config", cluster.config])
            _ = await child.waitForExit()
            return ["CC01", "CC02"].allSatisfy { child.text.contains($0) } && !child.text.contains("offline")
        }
        #expect(registered, "the agents did not register: \(start.text)")

        let stdio = try await Self.report(["stdio", "--specialty", "backend", "--", cli, "mcp", "--config", cluster.config])
        Self.checkConformance(stdio, transport: "stdio")

        let url = "http://127.0.0.1:\(cluster.httpPort)/mcp"
        let http = try await Self.report(["http", url, "--token", Self.token, "--specialty", "backend"])
        Self.checkConformance(http, transport: "http")

        let refused = try await Self.report(["http", url, "--token", "not-the-token", "--bad-token"])
        #expect(refused["status"] as? Int == 401, "a wrong token must be refused: \(refused)")
        #expect((refused["www_authenticate"] as? String)?.contains("invalid_token") == true, "\(refused)")
        let anonymous = try await Self.report(["http", url, "--bad-token"])
        #expect(anonymous["status"] as? Int == 401, "no token must be refused: \(anonymous)")
    }
}
