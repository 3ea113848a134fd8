@testable import AgentNode
import Foundation
import Logging
import Testing
import TestSupport
@testable import ClusterRuntime

@Suite("Agent operations in the configuration: the seed's variables, hooks folders, status ports, the demo repository")
struct AgentOperationsConfigTests {
    @Test("AGENT_NAME, AGENT_SPECIALTY and AGENT_PORT are read; blanks count as unset")
    func seedVariables() throws {
        let seed = try AgentEnvironment(["AGENT_NAME": "cc04", "AGENT_SPECIALTY": "documentation", "AGENT_PORT": "8884"])
        #expect(seed == AgentEnvironment(name: "cc04", specialty: "documentation", statusListen: "127.0.0.1:8884"))
        #expect(try AgentEnvironment(["AGENT_PORT": "0.0.0.0:9000"]).statusListen == "0.0.0.0:9000")
        #expect(try AgentEnvironment(["AGENT_NAME": "  ", "PATH": "/bin"]) == AgentEnvironment(name: nil, specialty: nil, statusListen: nil))
        #expect(throws: AgentEnvironment.Problem.self) { try AgentEnvironment(["AGENT_PORT": "eighty"]) }
        #expect(throws: AgentEnvironment.Problem.self) { try AgentEnvironment(["AGENT_PORT": "70000"]) }
    }

    @Test("An agent's hooks folder is its hooks_dir, else <data_dir>/agents/<NAME>/hooks")
    func hooksFolders() throws {
        let configuration = try ConfigurationLoader.parse("""
            cluster: {data_dir: /var/lib/cc}
            broker: {}
            agents:
              - {name: CC01, specialty: frontend}
              - {name: CC02, specialty: backend, hooks_dir: ~/.claude/hooks}
            """, file: "c.yaml", environment: [:])
        #expect(configuration.hooksFolder(of: configuration.agents[0]) == .init(path: "/var/lib/cc/agents/CC01/hooks", isDefault: true))
        let seed = configuration.hooksFolder(of: configuration.agents[1])
        #expect(!seed.isDefault && seed.path.hasSuffix("/.claude/hooks") && !seed.path.hasPrefix("~"))
    }

    @Test("config check warns about a missing hooks_dir and about files no event runs")
    func hookWarnings() throws {
        let temp = try TestEnvironment.temporaryDirectory("hook-check")
        defer { try? FileManager.default.removeItem(at: temp) }
        let hooks = temp.appendingPathComponent("hooks")
        try HookFolder.create(hooks)
        for name in ["on-task-received.sh", "on-task-recieved.sh", "on-error"] {
            try Data("#!/bin/sh\n".utf8).write(to: hooks.appendingPathComponent(name))
        }
        let configuration = try ConfigurationLoader.parse("""
            cluster: {data_dir: \(temp.path)/data}
            broker: {}
            agents:
              - {name: CC01, specialty: frontend, hooks_dir: \(hooks.path)}
              - {name: CC02, specialty: backend, hooks_dir: \(temp.path)/nowhere}
              - {name: CC03, specialty: infra}
            """, file: "c.yaml", environment: [:])
        let warnings = HookFolderCheck.warnings(for: configuration)
        #expect(warnings.count == 2)
        #expect(warnings.first?.hasPrefix("agent CC01: hooks folder \(hooks.path): on-task-recieved.sh matches no event") == true)
        #expect(warnings.last == "agent CC02: hooks_dir \(temp.path)/nowhere does not exist; the agent will not start until it does")
    }

    @Test("status_listen must be host:port, and beyond loopback needs status_token")
    func statusListen() throws {
        func load(_ agent: String) throws(ConfigurationError) -> ClusterConfiguration {
            try ConfigurationLoader.parse("broker: {}\nagents:\n  - {name: CC01, specialty: frontend, \(agent)}\n", file: "c.yaml", environment: [:])
        }
        #expect(try load("status_listen: 127.0.0.1:8881").agents[0].statusListen == "127.0.0.1:8881")
        #expect(try load("status_listen: 0.0.0.0:8881, status_token: s3cret").agents[0].statusToken == "s3cret")
        let open = try #require(throws: ConfigurationError.self) { try load("status_listen: 0.0.0.0:8881") }
        #expect(open.key == "agents[0].status_listen" && open.problem.contains("status_token"))
        let bad = try #require(throws: ConfigurationError.self) { try load("status_listen: 8881") }
        #expect(bad.key == "agents[0].status_listen")
        // The token may come from agent_defaults; the port never does.
        let inherited = try ConfigurationLoader.parse("""
            broker: {}
            agent_defaults: {status_token: t, status_listen: 127.0.0.1:8881}
            agents: [{name: CC01, specialty: frontend}]
            """, file: "c.yaml", environment: [:])
        let merged = inherited.agents[0].merged(over: inherited.agentDefaults)
        #expect(merged.statusToken == "t" && merged.statusListen == nil)
    }

    @Test("The launcher creates the demo repository when an agent works on it, and only then")
    func demoRepository() async throws {
        let temp = try TestEnvironment.temporaryDirectory("demo-repo")
        defer { try? FileManager.default.removeItem(at: temp) }
        let demo = temp.appendingPathComponent("data/demo-origin.git").path
        func launcher(repository: String) throws -> ClusterLauncher {
            ClusterLauncher(configuration: try ConfigurationLoader.parse("""
                cluster: {data_dir: \(temp.path)/data, demo_repository: \(demo)}
                broker: {}
                agents: [{name: CC01, specialty: frontend, repository: \(repository)}]
                """, file: "c.yaml", environment: [:]))
        }
        var logger = Logger(label: "demo-repo-test")
        logger.logLevel = .critical
        try await launcher(repository: "https://example.com/other.git").prepareDemoRepository(logger: logger)
        #expect(!FileManager.default.fileExists(atPath: demo))
        try await launcher(repository: demo).prepareDemoRepository(logger: logger)
        #expect(try GitFixtures.branches(of: demo) == ["main"])
        // A second start leaves it as it is.
        #expect(try await DemoRepository.createIfMissing(at: URL(fileURLWithPath: demo)) == false)
    }
}
