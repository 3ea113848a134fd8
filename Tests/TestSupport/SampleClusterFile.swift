import Foundation

/// A whole cluster's configuration for end-to-end tests, written to a scratch folder:
/// the broker and the bridge on free loopback ports, and agents that run
/// `scripts/sample-runner` on a fresh origin repository unless the test says otherwise.
///
/// Extra lines go under their section as written (`["tasks: {max_attempts: 1}"]` under
/// `broker:`); `agents` are flow mappings (`"{name: CC01, specialty: frontend}"`).
public struct SampleClusterFile: Sendable {
    /// `scripts/sample-runner`.
    public static let runner = TestEnvironment.repositoryRoot.appendingPathComponent("scripts/sample-runner").path
    /// The runner's arguments as a YAML flow list's items, for a runner line of a test's own.
    public static let runnerArguments = #"-p, "{prompt}", --output-format, stream-json, --verbose"#

    /// The scratch folder holding the file, the data directory and the origin.
    public let root: URL
    /// The configuration file.
    public let path: String
    /// The bridge's port on 127.0.0.1.
    public let httpPort: Int
    /// `http://127.0.0.1:<httpPort>`.
    public var baseURL: String { "http://127.0.0.1:\(httpPort)" }

    public init(
        _ label: String, broker: [String] = [], bridge: [String] = [], agentDefaults: [String]? = nil, agents: [String]
    ) throws {
        root = try TestEnvironment.temporaryDirectory(label)
        let origin = try GitFixtures.makeOrigin(in: root)
        let ports = try (0..<3).map { _ in try TestEnvironment.freePort() }
        httpPort = ports[2]
        path = root.appendingPathComponent("cluster.yaml").path
        let defaults = agentDefaults ?? [
            "runner: [\(Self.runner), \(Self.runnerArguments)]",
            "pull_request_command: []",
        ]
        let lines = [
            "cluster:",
            "  data_dir: \(root.appendingPathComponent("data").path)",
            "broker:",
            "  bind: tcp://127.0.0.1:\(ports[0])",
            "  publish: tcp://127.0.0.1:\(ports[1])",
        ] + broker.map { "  " + $0 } + [
            "bridge:",
            "  listen: 127.0.0.1:\(httpPort)",
        ] + bridge.map { "  " + $0 } + [
            "agent_defaults:",
            "  repository: \(origin)",
        ] + defaults.map { "  " + $0 } + ["agents:"] + agents.map { "  - " + $0 }
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    }
}
