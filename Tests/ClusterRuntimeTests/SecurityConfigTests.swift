import Foundation
import TestSupport
import Testing
@testable import AgentNode
@testable import ClusterRuntime

/// Safe defaults: loopback listeners, no plain-text bus beyond loopback, TLS and
/// `run_as` carried from the file to the services, unsafe hooks directories refused.
@Suite struct SecurityConfigTests {
    @Test func everyListenerDefaultsToLoopback() throws {
        let configuration = try ConfigurationLoader.parse("broker: {}\nbridge: {}\n", file: "x.yaml", environment: [:])
        #expect(configuration.broker?.bind == "tcp://127.0.0.1:5555")
        #expect(configuration.broker?.publish == "tcp://127.0.0.1:5556")
        #expect(configuration.bridge?.listen == "127.0.0.1:8888")
        #expect(ClusterConfiguration().routerEndpoints == ["tcp://127.0.0.1:5555"])
        #expect(ClusterConfiguration().publisherEndpoints == ["tcp://127.0.0.1:5556"])
        #expect(configuration.security.curve == false && configuration.security.allowInsecure == false)
    }

    @Test(arguments: [
        ("tcp://127.0.0.1:5555", true), ("tcp://localhost:1", true), ("tcp://[::1]:5555", true), ("tcp://lo:5555", true),
        ("ipc:///tmp/bus", true), ("inproc://x", true), ("tcp://127.9.8.7:*", true),
        ("tcp://*:5555", false), ("tcp://0.0.0.0:5555", false), ("tcp://10.0.0.5:5555", false),
        ("tcp://eth0:5555", false), ("tcp://broker.lan:5555", false), ("tcp://[::]:5555", false),
        ("tcp://127.0.0.1;10.0.0.5:5555", false),
    ])
    func localEndpoints(endpoint: String, local: Bool) {
        #expect(BusExposure.isLocal(endpoint) == local)
    }

    @Test func aPlainTextBusBeyondLoopbackIsRefusedUnlessAllowed() throws {
        let open = "broker:\n  bind: tcp://0.0.0.0:5555\n"
        let error = try #require(throws: ConfigurationError.self) { try ConfigurationLoader.parse(open, file: "x.yaml", environment: [:]) }
        #expect(error.description.contains("broker.bind"))
        #expect(error.description.contains("security.curve"))
        let client = "bus:\n  endpoints: [tcp://10.0.0.5:5555]\n  events: [tcp://10.0.0.5:5556]\n"
        let clientError = try #require(throws: ConfigurationError.self) { try ConfigurationLoader.parse(client, file: "x.yaml", environment: [:]) }
        #expect(clientError.description.contains("bus.endpoints[0]"))

        let allowed = try ConfigurationLoader.parse(open + "security: {allow_insecure: true}\n", file: "x.yaml", environment: [:])
        #expect(BusExposure.problem(in: allowed) == nil)
        let curve = try ConfigurationLoader.parse(open + "security: {curve: true, keys_dir: /k}\n", file: "x.yaml", environment: [:])
        #expect(BusExposure.problem(in: curve) == nil)

        // Flags build configurations without the loader: the launcher checks too.
        var flags = ClusterConfiguration()
        flags.bus = BusSection(endpoints: ["tcp://10.0.0.5:5555"], events: [])
        let launch = try #require(throws: LaunchError.self) {
            try ClusterLauncher(configuration: flags, roles: .init(broker: false, bridge: false, agents: [])).makeServices(layout: LogLayout(dataDirectory: "/nonexistent"))
        }
        #expect(launch.description.contains("without encryption"))
    }

    @Test func bridgeTLSIsReadFromTheFile() throws {
        let text = "broker: {}\nbridge:\n  listen: 127.0.0.1:8443\n  tls: {certificate: /etc/c.pem, key: /etc/k.pem}\n"
        let configuration = try ConfigurationLoader.parse(text, file: "x.yaml", environment: [:])
        #expect(configuration.bridge?.tls == BridgeTLSSection(certificate: "/etc/c.pem", key: "/etc/k.pem"))
        #expect(try ConfigurationLoader.parse("broker: {}\nbridge: {}\n", file: "x.yaml", environment: [:]).bridge?.tls == nil)
        let half = try #require(throws: ConfigurationError.self) {
            try ConfigurationLoader.parse("broker: {}\nbridge:\n  tls: {certificate: /etc/c.pem, key: \"\"}\n", file: "x.yaml", environment: [:])
        }
        #expect(half.description.contains("bridge.tls"))
        let typo = try #require(throws: ConfigurationError.self) {
            try ConfigurationLoader.parse("broker: {}\nbridge:\n  tls: {cert: /etc/c.pem}\n", file: "x.yaml", environment: [:])
        }
        #expect(typo.description.contains("bridge.tls.cert"))
    }

    @Test func runAsReachesTheAgentsSettings() throws {
        let text = """
        broker: {}
        agent_defaults: {run_as: claude, repository: /tmp/origin.git}
        agents:
          - {name: CC01, specialty: frontend}
          - {name: CC02, specialty: backend, run_as: builder}
        """
        let configuration = try ConfigurationLoader.parse(text, file: "x.yaml", environment: [:])
        let first = try AgentAssembly.agent(configuration.agents[0], in: configuration, executablePath: nil)
        let second = try AgentAssembly.agent(configuration.agents[1], in: configuration, executablePath: nil)
        #expect(first.settings.runAsUser == "claude")
        #expect(second.settings.runAsUser == "builder")
    }

    @Test func anAgentsTaskTimeoutCapsItsRunnersAndIsOtherwiseUnset() throws {
        let text = """
        broker: {}
        agent_defaults: {repository: /tmp/origin.git}
        agents:
          - {name: CC01, specialty: frontend, task_timeout_s: 600}
          - {name: CC02, specialty: backend}
        """
        let configuration = try ConfigurationLoader.parse(text, file: "x.yaml", environment: [:])
        let capped = try AgentAssembly.agent(configuration.agents[0], in: configuration, executablePath: nil)
        let free = try AgentAssembly.agent(configuration.agents[1], in: configuration, executablePath: nil)
        #expect(capped.settings.taskTimeoutLimit == .seconds(600))
        #expect(free.settings.taskTimeoutLimit == nil)
    }

    @Test func aHooksDirectoryWritableByOthersStopsTheAgent() throws {
        let root = try TestEnvironment.temporaryDirectory("hooks-test")
        let hooks = root.appendingPathComponent("hooks")
        try FileManager.default.createDirectory(at: hooks, withIntermediateDirectories: true)
        chmod(hooks.path, 0o777)
        let text = """
        broker: {}
        cluster: {data_dir: \(root.path)/data}
        agents:
          - {name: CC01, specialty: frontend, hooks_dir: \(hooks.path), repository: /tmp/origin.git}
        """
        let configuration = try ConfigurationLoader.parse(text, file: "x.yaml", environment: [:])
        let launcher = ClusterLauncher(configuration: configuration, roles: .init(broker: false, bridge: false, agents: nil))
        let error = try #require(throws: (any Error).self) { try launcher.makeServices(layout: LogLayout(dataDirectory: "\(root.path)/data")) }
        #expect("\(error)".contains("writable by group or others"))
        chmod(hooks.path, 0o755)
        #expect(try launcher.makeServices(layout: LogLayout(dataDirectory: "\(root.path)/data")).count == 1)
    }
}
