import Foundation
import Testing
import TestSupport
import Wire
@testable import AgentNode

/// The sample hooks in configs/hooks/, run as an agent runs them.
@Suite("Sample hooks")
struct SampleHookTests {
    static let samples = TestEnvironment.repositoryRoot.appendingPathComponent("configs/hooks")

    /// A hooks folder holding copies of the samples (mode 755, as a folder must be).
    func folder(in temp: TemporaryDirectory) throws -> URL {
        let hooks = try HookTests.hooksDirectory(in: temp)
        for name in try FileManager.default.contentsOfDirectory(atPath: Self.samples.path) {
            try FileManager.default.copyItem(at: Self.samples.appendingPathComponent(name), to: hooks.appendingPathComponent(name))
        }
        return hooks
    }

    var event: HookEvent.TaskInfo {
        .init(id: "T-7", attempt: 1, spec: TaskSpec(title: "Add a footer component", description: "d"))
    }

    @Test("Every sample is named after an event and is executable")
    func named() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.samples.path)
        #expect(!names.isEmpty && HookFileNames.unmatched(names).isEmpty)
        #expect(names.allSatisfy { FileManager.default.isExecutableFile(atPath: Self.samples.appendingPathComponent($0).path) })
    }

    @Test("on-task-received.sh and on-task-complete.sh append a line each to HOOK_LOG")
    func logHooks() async throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let log = temp.path("tasks.log").path
        let runner = try HookRunner(
            directory: try folder(in: temp), agent: "CC01", specialty: "frontend", environment: ["HOOK_LOG": log], logger: quietLogger())
        await runner.fire(HookEvent(event: .taskReceived, task: event))
        await runner.fire(HookEvent(event: .taskComplete, task: event, result: TaskResult(outcome: .succeeded, summary: "done")))
        let lines = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        #expect(lines[0].contains("CC01 received T-7: {") && lines[0].contains("\"on-task-received\""))
        #expect(lines[1].hasSuffix("CC01 T-7 succeeded - Add a footer component"))
    }

    @Test("on-error.sh posts {\"text\": …} to HOOK_WEBHOOK_URL")
    func webhook() async throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let received = temp.path("posted.json").path
        let listener = try ChildProcess("webhook-standin", executable: "/usr/bin/env", arguments: ["python3", "-c", """
            import http.server, sys
            class Handler(http.server.BaseHTTPRequestHandler):
                def do_POST(self):
                    body = self.rfile.read(int(self.headers["Content-Length"]))
                    open(sys.argv[1], "wb").write(body)
                    self.send_response(200)
                    self.end_headers()
                def log_message(self, *args):
                    pass
            server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
            print("port", server.server_address[1], flush=True)
            server.handle_request()
            """, received])
        let portLine = try #require(await listener.waitForLine(containing: "port "))
        let port = try #require(portLine.split(separator: " ").last.map(String.init))
        let runner = try HookRunner(
            directory: try folder(in: temp), agent: "CC02", specialty: "backend",
            environment: ["HOOK_WEBHOOK_URL": "http://127.0.0.1:\(port)/hook"], logger: quietLogger())
        await runner.fire(HookEvent(event: .error, task: event, result: TaskResult(outcome: .failed, summary: "x", error: "tests \"failed\"")))
        await listener.stop(grace: .seconds(1))
        let body = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: received))) as? [String: String]
        #expect(body?["text"] == "CC02: task T-7 \"Add a footer component\" ended failed: tests \"failed\"")
    }
}
