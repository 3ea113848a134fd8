import Foundation
import Testing
@testable import ClusterRuntime

/// Every YAML file shipped under configs/ loads with a test environment and declares the
/// roles its header promises. A new file must be added to `expectations`.
@Suite struct ShippedConfigsTests {
    static let configsDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("configs")

    /// What the multi-PC files need set (docs/OPERATIONS.md); local and demo need nothing.
    static let environment: [String: String] = [
        "CLUSTER_BIND_ADDRESS": "192.0.2.10",
        "CLUSTER_COORDINATOR": "192.0.2.10",
        "CLUSTER_API_TOKEN": "test-token",
        "CLUSTER_REPOSITORY": "https://example.com/acme/shop.git",
    ]

    /// The roles one file runs on its machine.
    struct Roles: Equatable, CustomStringConvertible {
        var broker: Bool
        var bridge: Bool
        /// `NAME:specialty`, in file order.
        var agents: [String]
        var curve: Bool

        var description: String {
            "broker: \(broker), bridge: \(bridge), agents: \(agents), curve: \(curve)"
        }
    }

    static let threeAgents = ["CC01:frontend", "CC02:backend", "CC03:infra"]

    static let expectations: [String: Roles] = [
        "local.yaml": Roles(broker: true, bridge: true, agents: threeAgents, curve: false),
        "demo.yaml": Roles(broker: true, bridge: true, agents: threeAgents, curve: false),
        "multi-pc/coordinator.yaml": Roles(broker: true, bridge: true, agents: [], curve: true),
        "multi-pc/agent-cc01.yaml": Roles(broker: false, bridge: false, agents: ["CC01:frontend"], curve: true),
        "multi-pc/agent-cc02.yaml": Roles(broker: false, bridge: false, agents: ["CC02:backend"], curve: true),
        "multi-pc/agent-cc03.yaml": Roles(broker: false, bridge: false, agents: ["CC03:infra"], curve: true),
        "multi-pc/client.yaml": Roles(broker: false, bridge: false, agents: [], curve: true),
    ]

    /// Paths relative to configs/ of every YAML file in it, at any depth.
    static func shippedFiles() -> [String] {
        let root = configsDirectory.standardizedFileURL.path + "/"
        let walker = FileManager.default.enumerator(at: configsDirectory, includingPropertiesForKeys: nil)
        var files: [String] = []
        while let url = walker?.nextObject() as? URL {
            guard ["yaml", "yml"].contains(url.pathExtension) else { continue }
            let path = url.standardizedFileURL.path
            files.append(path.hasPrefix(root) ? String(path.dropFirst(root.count)) : path)
        }
        return files.sorted()
    }

    static func load(_ file: String, environment: [String: String] = Self.environment) throws -> ClusterConfiguration {
        try ConfigurationLoader.load(path: configsDirectory.appendingPathComponent(file).path, environment: environment)
    }

    static func roles(of configuration: ClusterConfiguration) -> Roles {
        Roles(
            broker: configuration.broker != nil,
            bridge: configuration.bridge?.enabled == true,
            agents: configuration.agents.map { entry in
                let agent = entry.merged(over: configuration.agentDefaults)
                return "\(agent.name ?? "?"):\(agent.specialty ?? "?")"
            },
            curve: configuration.security.curve)
    }

    @Test func everyShippedFileHasAnExpectation() {
        #expect(Self.shippedFiles() == Self.expectations.keys.sorted())
    }

    @Test(arguments: ShippedConfigsTests.expectations.keys.sorted())
    func fileDeclaresItsRoles(_ file: String) throws {
        let configuration = try Self.load(file)
        #expect(Self.roles(of: configuration) == Self.expectations[file])
    }

    @Test(arguments: ShippedConfigsTests.expectations.keys.sorted())
    func bridgeBeyondLoopbackHasAToken(_ file: String) throws {
        let configuration = try Self.load(file)
        guard let bridge = configuration.bridge, bridge.enabled else { return }
        let host = try #require(HostAndPort(bridge.listen)).host
        if !["127.0.0.1", "localhost", "::1"].contains(host) {
            #expect(bridge.token != nil, "\(file): the bridge listens on \(host) without a token")
        }
    }

    @Test func coordinatorBindsTheLANAddressWithCurve() throws {
        let configuration = try Self.load("multi-pc/coordinator.yaml")
        #expect(configuration.broker?.bind == "tcp://192.0.2.10:5555")
        #expect(configuration.broker?.publish == "tcp://192.0.2.10:5556")
        #expect(configuration.bridge?.listen == "192.0.2.10:8888")
        #expect(configuration.bridge?.token == "test-token")
        #expect(configuration.security.keysDir != nil)
        // The bridge on the coordinator reaches the broker at its bind address.
        #expect(configuration.routerEndpoints == ["tcp://192.0.2.10:5555"])
    }

    /// Agent machines have no `broker:` section and so use the default heartbeat; the
    /// coordinator must use the same, or agents would be declared dead.
    @Test func coordinatorHeartbeatMatchesTheAgentsDefault() throws {
        let broker = try #require(try Self.load("multi-pc/coordinator.yaml").broker)
        #expect(broker.heartbeatMs == BrokerSection().heartbeatMs)
        #expect(broker.liveness == BrokerSection().liveness)
    }

    @Test(arguments: ["multi-pc/agent-cc01.yaml", "multi-pc/agent-cc02.yaml", "multi-pc/agent-cc03.yaml", "multi-pc/client.yaml"])
    func busClientsConnectToTheCoordinator(_ file: String) throws {
        let configuration = try Self.load(file)
        #expect(configuration.routerEndpoints == ["tcp://192.0.2.10:5555"])
        #expect(configuration.publisherEndpoints == ["tcp://192.0.2.10:5556"])
        #expect(configuration.security.keysDir != nil)
    }

    /// claude-cluster-agent@.service runs `--config agent-%i.yaml --name %i`.
    @Test(arguments: ["cc01", "cc02", "cc03"])
    func agentFileNamesItsAgent(_ instance: String) throws {
        let configuration = try Self.load("multi-pc/agent-\(instance).yaml")
        let names = configuration.agents.compactMap { $0.merged(over: configuration.agentDefaults).name?.lowercased() }
        #expect(names == [instance])
    }

    @Test(arguments: [
        ("multi-pc/coordinator.yaml", "CLUSTER_BIND_ADDRESS"),
        ("multi-pc/agent-cc01.yaml", "CLUSTER_COORDINATOR"),
        ("multi-pc/client.yaml", "CLUSTER_COORDINATOR"),
    ])
    func multiPCFilesNameTheVariableTheyNeed(_ file: String, _ variable: String) throws {
        let error = try #require(throws: ConfigurationError.self) { try Self.load(file, environment: [:]) }
        #expect(error.problem.contains("environment variable \(variable) is not set"))
    }
}
