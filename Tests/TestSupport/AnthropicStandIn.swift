import Foundation

/// `Tests/Support/anthropic_standin.py` on a free loopback port, following a script of turns.
public final class AnthropicStandIn: Sendable {
    public let process: ChildProcess
    public let port: Int
    public let requestLog: URL

    /// Starts the stand-in; `turns` is the JSON list described in the script's header.
    public init(turns: String, in directory: URL) async throws {
        let script = directory.appendingPathComponent("standin-\(UUID().uuidString.prefix(8)).json")
        try Data(#"{"turns": \#(turns)}"#.utf8).write(to: script)
        requestLog = script.deletingPathExtension().appendingPathExtension("requests.jsonl")
        let path = TestEnvironment.repositoryRoot.appendingPathComponent("Tests/Support/anthropic_standin.py").path
        let child = try ChildProcess(
            "anthropic-standin", executable: TestEnvironment.python,
            arguments: ["python3", path, script.path, "--log", requestLog.path])
        guard let line = await child.waitForLine(containing: "PORT "),
              let port = Int(line.split(separator: " ").last ?? "")
        else {
            await child.stop()
            throw StandInError(output: child.text)
        }
        process = child
        self.port = port
    }

    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Each request the CLI made, in order, as the stand-in logged it.
    public func requests() -> [[String: Any]] {
        guard let text = try? String(contentsOf: requestLog, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }

    /// The requests that were turns of the main conversation.
    public func turns() -> [[String: Any]] {
        requests().filter { $0["turn"] as? Bool == true }
    }

    public func stop() async {
        await process.stop(grace: .seconds(2))
    }
}

/// The stand-in did not say which port it listens on.
public struct StandInError: Error, CustomStringConvertible {
    public var output: String
    public var description: String { "the Anthropic stand-in did not start; it printed: \(output)" }
}

/// Where the real Claude Code CLI for tests is: `CLUSTER_TEST_CLAUDE`, else the cache
/// folder `scripts/setup.sh` fills from the claude-agent-sdk wheel.
public enum RealClaude {
    public static let executable: String? = {
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["CLUSTER_TEST_CLAUDE"], !path.isEmpty {
            return FileManager.default.isExecutableFile(atPath: path) ? path : nil
        }
        let cache = environment["CLUSTER_CLAUDE_CACHE"]
            ?? (environment["XDG_CACHE_HOME"] ?? NSHomeDirectory() + "/.cache") + "/claude-code-cluster/claude-agent-sdk"
        let path = cache + "/claude"
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }()

    public static let missing = "the real Claude Code CLI is not installed: run scripts/setup.sh or set CLUSTER_TEST_CLAUDE"

    /// The environment that keeps the CLI offline, fast and out of the real home folder.
    public static func environment(standIn: AnthropicStandIn, home: URL) -> [String: String] {
        [
            "HOME": home.path,
            "ANTHROPIC_BASE_URL": standIn.baseURL,
            "ANTHROPIC_API_KEY": "sk-ant-standin",
            "CLAUDE_CODE_OAUTH_TOKEN": "",
            "DISABLE_AUTOUPDATER": "1",
            "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC": "1",
            // Without this the CLI retries a failed request ten times over about three minutes.
            "CLAUDE_CODE_MAX_RETRIES": "0",
        ]
    }
}
