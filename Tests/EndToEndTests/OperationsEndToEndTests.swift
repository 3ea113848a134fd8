import Foundation
import TestSupport
import Testing
import Wire

/// The seed's operations as a user meets them: `route`, hooks warnings from `config check`,
/// `start --config configs/demo.yaml` on a machine without the demo repository, agents'
/// status ports, and an agent described only by AGENT_NAME, AGENT_SPECIALTY and AGENT_PORT.
@Suite(.serialized, .timeLimit(.minutes(3))) struct OperationsEndToEndTests {
    var cli: String { TestEnvironment.clusterExecutable }

    @Test("claude-cluster route prints the specialty and why")
    func route() async throws {
        let actions = try await runCommand(cli, ["route", "--title", "Set up GitHub Actions for the tests"])
        #expect(actions.status == 0)
        #expect(actions.output == "infra: rule \"infra\", keyword \"github actions\" matched \"GitHub Actions\" in the title")
        let typed = try await runCommand(cli, ["route", "--title", "Anything", "--type", "frontend_development"])
        #expect(typed.output.hasPrefix("frontend: rule \"frontend\", keyword \"frontend\" matched \"frontend\" in the type"))
        let fallback = try await runCommand(cli, ["route", "--title", "Rename the project"])
        #expect(fallback.output.hasPrefix("backend: fallback"))
        let root = try TestEnvironment.temporaryDirectory("route")
        defer { try? FileManager.default.removeItem(at: root) }
        let config = root.appendingPathComponent("c.yaml").path
        try "broker:\n  routing:\n    default_specialty: backend\n    rules:\n      docs: [readme, docs]\n"
            .write(toFile: config, atomically: true, encoding: .utf8)
        let configured = try await runCommand(cli, ["route", "--title", "Fix the README", "--config", config])
        #expect(configured.output.hasPrefix("docs: rule \"docs\", keyword \"readme\""))
    }

    @Test("config check lists files in a hooks folder that match no event")
    func configCheckHooks() async throws {
        let root = try TestEnvironment.temporaryDirectory("hooks-check")
        defer { try? FileManager.default.removeItem(at: root) }
        let hooks = root.appendingPathComponent("hooks")
        try FileManager.default.createDirectory(at: hooks, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        try Data("#!/bin/sh\n".utf8).write(to: hooks.appendingPathComponent("on-task-completed.sh"))
        let config = root.appendingPathComponent("c.yaml").path
        try "broker: {}\nagents:\n  - {name: CC01, specialty: frontend, hooks_dir: \(hooks.path)}\n"
            .write(toFile: config, atomically: true, encoding: .utf8)
        let check = try await runCommand(cli, ["config", "check", config])
        #expect(check.status == 0)
        #expect(check.output.contains("warning: agent CC01: hooks folder \(hooks.path): on-task-completed.sh matches no event"), "\(check.output)")
    }

    /// configs/demo.yaml with every port free, every path under `root`, the sample runner by its full path.
    func demoConfiguration(root: URL) throws -> (path: String, ports: [Int]) {
        let ports = try (0..<6).map { _ in try TestEnvironment.freePort() }
        let data = root.appendingPathComponent("data").path
        var text = try String(contentsOf: TestEnvironment.repositoryRoot.appendingPathComponent("configs/demo.yaml"), encoding: .utf8)
        let replacements = [
            ("tcp://127.0.0.1:5555", "tcp://127.0.0.1:\(ports[0])"), ("tcp://127.0.0.1:5556", "tcp://127.0.0.1:\(ports[1])"),
            ("127.0.0.1:8888", "127.0.0.1:\(ports[2])"), ("127.0.0.1:8881", "127.0.0.1:\(ports[3])"),
            ("127.0.0.1:8882", "127.0.0.1:\(ports[4])"), ("127.0.0.1:8883", "127.0.0.1:\(ports[5])"),
            ("${CLUSTER_DATA_DIR:-.cluster}", data), ("${CLUSTER_REPOSITORY:-.cluster/demo-origin.git}", "\(data)/demo-origin.git"),
            (".cluster/demo-origin.git", "\(data)/demo-origin.git"),
            ("scripts/sample-runner", TestEnvironment.repositoryRoot.appendingPathComponent("scripts/sample-runner").path),
        ]
        for (from, to) in replacements {
            #expect(text.contains(from), "configs/demo.yaml no longer has \(from)")
            text = text.replacingOccurrences(of: from, with: to)
        }
        let path = root.appendingPathComponent("demo.yaml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return (path, ports)
    }

    func status(port: Int) async throws -> [String: Any]? {
        let answer = try await curl(["http://127.0.0.1:\(port)/status"])
        return try? JSONSerialization.jsonObject(with: Data(answer.output.utf8)) as? [String: Any]
    }

    @Test("start --config demo.yaml makes the demo repository, serves each agent's status port, and an AGENT_* agent joins")
    func demoClusterStatusPortsAndSeedAgent() async throws {
        let root = try TestEnvironment.temporaryDirectory("demo-e2e")
        let (config, ports) = try demoConfiguration(root: root)
        let demo = root.appendingPathComponent("data/demo-origin.git").path
        #expect(!FileManager.default.fileExists(atPath: demo))
        // A misnamed hook in CC02's default folder is reported when CC02 starts.
        let cc02Hooks = root.appendingPathComponent("data/agents/CC02/hooks")
        try FileManager.default.createDirectory(at: cc02Hooks, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        try Data("#!/bin/sh\n".utf8).write(to: cc02Hooks.appendingPathComponent("on-task-done.sh"))

        let start = try ChildProcess("demo-cluster", executable: cli, arguments: ["start", "--config", config])
        defer { start.signal(SIGKILL) }
        #expect(await start.waitForLine(containing: "HTTP bridge listening") != nil, "cluster did not start: \(start.text)")
        #expect(try GitFixtures.branches(of: demo) == ["main"])
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("data/agents/CC01/hooks").path))

        // Each agent answers on its own port once registered.
        for (name, port) in zip(["CC01", "CC02", "CC03"], ports[3...5]) {
            var last: [String: Any]?
            let up = await TestEnvironment.eventually(timeout: .seconds(30), every: .milliseconds(200)) {
                last = try await status(port: port)
                return last?["connected"] as? Bool == true && last?["last_broker_contact"] as? String != nil
            }
            #expect(up, "\(name) status: \(String(describing: last))")
            #expect(last?["name"] as? String == name && last?["state"] as? String == "healthy")
            let health = try await curl(["http://127.0.0.1:\(port)/health"])
            #expect(health.output.contains("\"status\":\"ok\""), "\(health.output)")
        }
        let cc02Log = try String(contentsOf: root.appendingPathComponent("data/agents/CC02/agent.log"), encoding: .utf8)
        #expect(cc02Log.contains("on-task-done.sh matches no event"))

        // The demo repository works: a task runs to the end on it, routed by its words.
        let submitted = try await runCommand(cli, ["submit", "--title", "Fix CSS overflow on the pricing page", "--wait", "--config", config], timeout: .seconds(90))
        #expect(submitted.status == 0 && submitted.output.contains("succeeded (agent CC01)"), "\(submitted.output)")
        #expect(try GitFixtures.branches(of: demo).contains { $0.hasPrefix("cc01/") })

        // The seed's way to add CC04: the name, specialty and port from the environment.
        let cc04Port = try TestEnvironment.freePort()
        let runner = TestEnvironment.repositoryRoot.appendingPathComponent("scripts/sample-runner").path
        let cc04 = try ChildProcess("cc04", executable: cli, arguments: [
            "agent", "--broker", "tcp://127.0.0.1:\(ports[0])", "--subscribe", "tcp://127.0.0.1:\(ports[1])",
            "--repo", demo, "--runner", "\(runner) -p {prompt} --output-format stream-json --verbose",
            "--data-dir", root.appendingPathComponent("cc04").path,
        ], environment: ["AGENT_NAME": "cc04", "AGENT_SPECIALTY": "documentation", "AGENT_PORT": "\(cc04Port)"])
        defer { cc04.signal(SIGKILL) }
        var cc04Status: [String: Any]?
        let joined = await TestEnvironment.eventually(timeout: .seconds(30), every: .milliseconds(200)) {
            cc04Status = try await status(port: cc04Port)
            return cc04Status?["connected"] as? Bool == true
        }
        #expect(joined, "cc04: \(String(describing: cc04Status)) \(cc04.text)")
        #expect(cc04Status?["name"] as? String == "cc04" && cc04Status?["specialty"] as? String == "documentation")
        let listed = try await runCommand(cli, ["status", "--config", config])
        #expect(listed.output.contains("cc04") && listed.output.contains("documentation"), "\(listed.output)")

        cc04.signal(SIGTERM)
        _ = await cc04.waitForExit(timeout: .seconds(30))
        start.signal(SIGTERM)
        #expect(await start.waitForExit(timeout: .seconds(60)) == 0, "\(start.text)")
        try? FileManager.default.removeItem(at: root)
    }
}
