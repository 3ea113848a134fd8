import TestSupport
@testable import Broker
import Foundation
import Testing
@testable import AgentNode
@testable import ClusterRuntime

@Suite struct ConfigurationLoaderTests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func shippedConfigurationsLoad() throws {
        for name in ["local.yaml", "demo.yaml"] {
            let path = Self.repositoryRoot.appendingPathComponent("configs/\(name)").path
            let configuration = try ConfigurationLoader.load(path: path, environment: [:])
            #expect(configuration.agents.map(\.name) == ["CC01", "CC02", "CC03"])
            #expect(configuration.agents.map(\.specialty) == ["frontend", "backend", "infra"])
            #expect(configuration.broker?.bind == "tcp://127.0.0.1:5555")
            #expect(configuration.bridge?.listen == "127.0.0.1:8888")
            #expect(configuration.bridge?.token == nil)
        }
    }

    @Test func environmentVariablesAreInterpolated() throws {
        let text = """
        bridge:
          token: ${TOKEN}
          listen: ${LISTEN:-127.0.0.1:9999}
        broker: {}
        """
        let configuration = try ConfigurationLoader.parse(text, file: "x.yaml", environment: ["TOKEN": "s3cret"])
        #expect(configuration.bridge?.token == "s3cret")
        #expect(configuration.bridge?.listen == "127.0.0.1:9999")
    }

    @Test func unsetVariableWithoutDefaultIsAnError() {
        #expect(throws: ConfigurationError(file: "x.yaml", problem: "line 2: environment variable TOKEN is not set (write ${TOKEN:-default} to allow a default)")) {
            try ConfigurationLoader.parse("bridge:\n  token: ${TOKEN}\n", file: "x.yaml", environment: [:])
        }
    }

    @Test func unknownKeyIsNamed() throws {
        let error = try #require(throws: ConfigurationError.self) {
            try ConfigurationLoader.parse("broker:\n  heartbeat: 5\n", file: "c.yaml", environment: [:])
        }
        #expect(error.key == "broker.heartbeat")
        #expect(error.description.hasPrefix("c.yaml: broker.heartbeat: unknown key"))
    }

    @Test func wrongTypeIsNamed() throws {
        let error = try #require(throws: ConfigurationError.self) {
            try ConfigurationLoader.parse("broker:\n  heartbeat_ms: often\n", file: "c.yaml", environment: [:])
        }
        #expect(error.key == "broker.heartbeat_ms")
        #expect(error.problem == "expected a whole number")
    }

    @Test func outOfRangeValueIsNamed() throws {
        let error = try #require(throws: ConfigurationError.self) {
            try ConfigurationLoader.parse("broker:\n  heartbeat_ms: 0\n", file: "c.yaml", environment: [:])
        }
        #expect(error.key == "broker.heartbeat_ms")
    }

    @Test func agentProblemsNameTheEntry() throws {
        let missing = try #require(throws: ConfigurationError.self) {
            try ConfigurationLoader.parse("broker: {}\nagents:\n  - name: CC01\n", file: "c.yaml", environment: [:])
        }
        #expect(missing.key == "agents[0].specialty")
        let duplicate = try #require(throws: ConfigurationError.self) {
            try ConfigurationLoader.parse("broker: {}\nagents:\n  - {name: CC01, specialty: a}\n  - {name: cc01, specialty: b}\n", file: "c.yaml", environment: [:])
        }
        #expect(duplicate.key == "agents[1].name")
        let typo = try #require(throws: ConfigurationError.self) {
            try ConfigurationLoader.parse("broker: {}\nagents:\n  - {name: CC01, specialty: a, speciality: b}\n", file: "c.yaml", environment: [:])
        }
        #expect(typo.key == "agents[0].speciality")
    }

    @Test func claudeSettingsAreReadAndChecked() throws {
        let text = """
        broker: {}
        agent_defaults: {model: sonnet, max_turns: 40, allowed_tools: [Edit, "Bash(npm test:*)"], sandbox: true}
        agents:
          - {name: CC01, specialty: backend, permission_mode: acceptEdits, max_budget_usd: 2.5, claude_config_dir: /srv/cc01/claude}
        """
        let configuration = try ConfigurationLoader.parse(text, file: "c.yaml", environment: [:])
        let agent = configuration.agents[0].merged(over: configuration.agentDefaults)
        #expect(agent.model == "sonnet" && agent.maxTurns == 40 && agent.maxBudgetUSD == 2.5)
        #expect(agent.allowedTools == ["Edit", "Bash(npm test:*)"] && agent.sandbox == true)
        #expect(agent.claudeConfigDir == "/srv/cc01/claude")
        let mode = try #require(throws: ConfigurationError.self) {
            try ConfigurationLoader.parse(
                "broker: {}\nagents:\n  - {name: CC01, specialty: a, permission_mode: yolo}\n", file: "c.yaml", environment: [:])
        }
        #expect(mode.key == "agents[0].permission_mode")
        #expect(mode.problem.contains("acceptEdits, auto, bypassPermissions, default, dontAsk, manual, plan"))
        let turns = try #require(throws: ConfigurationError.self) {
            try ConfigurationLoader.parse(
                "broker: {}\nagents:\n  - {name: CC01, specialty: a, max_turns: 0}\n", file: "c.yaml", environment: [:])
        }
        #expect(turns.key == "agents[0].max_turns")
    }

    @Test func agentMachineWithoutBrokerNeedsBusEndpoints() throws {
        let error = try #require(throws: ConfigurationError.self) {
            try ConfigurationLoader.parse("agents:\n  - {name: CC01, specialty: a}\n", file: "c.yaml", environment: [:])
        }
        #expect(error.key == "bus")
    }

    @Test func fourthAgentIsAConfigChangeOnly() throws {
        let path = Self.repositoryRoot.appendingPathComponent("configs/local.yaml").path
        var text = try String(contentsOfFile: path, encoding: .utf8)
        text += "  - name: CC04\n    specialty: docs\n"
        let configuration = try ConfigurationLoader.parse(text, file: "local.yaml", environment: [:])
        #expect(configuration.agents.last?.name == "CC04")
        #expect(configuration.agents.last?.merged(over: configuration.agentDefaults).runner?.first == "claude")
    }

    @Test func usageLimitsAndAccountsAreRead() throws {
        let text = """
        broker:
          usage_limits: {auto_resume: false, default_pause_s: 600, resume_margin_s: 5}
        agent_defaults: {account: team-max, repository: /tmp/origin.git}
        agents:
          - {name: CC01, specialty: frontend}
          - {name: CC02, specialty: backend, account: other}
        """
        let configuration = try ConfigurationLoader.parse(text, file: "c.yaml", environment: [:])
        #expect(configuration.broker?.usageLimits == modified(UsageLimitsSection()) { $0.autoResume = false; $0.defaultPauseSeconds = 600; $0.resumeMarginSeconds = 5 })
        #expect(configuration.agents.map { $0.merged(over: configuration.agentDefaults).account } == ["team-max", "other"])
        let agent = try AgentAssembly.agent(configuration.agents[0], in: configuration, executablePath: nil)
        #expect(agent.settings.account == "team-max")
        let broker = try BrokerAssembly.settings(configuration, section: try #require(configuration.broker))
        #expect(broker.state.usageLimits == UsageLimitPolicy(autoResume: false, defaultPause: .seconds(600), resumeMargin: .seconds(5)))
        let error = try #require(throws: ConfigurationError.self) {
            try ConfigurationLoader.parse("broker:\n  usage_limits: {resume_margin_s: -1}\n", file: "c.yaml", environment: [:])
        }
        #expect(error.key == "broker.usage_limits.resume_margin_s")
    }

    @Test func invalidYAMLIsReported() throws {
        let error = try #require(throws: ConfigurationError.self) {
            try ConfigurationLoader.parse("broker: [unclosed\n", file: "c.yaml", environment: [:])
        }
        #expect(error.problem.hasPrefix("is not valid YAML"))
    }
}

@Suite struct EnvironmentInterpolationTests {
    @Test func referencesInCommentsAreLeftAlone() throws {
        let text = "# set ${TOKEN} first\nkey: ${A:-1} # or ${B}\nquoted: \"# ${A:-2}\"\n"
        let result = try EnvironmentInterpolation.apply(to: text, environment: [:])
        #expect(result == "# set ${TOKEN} first\nkey: 1 # or ${B}\nquoted: \"# 2\"\n")
    }

    @Test func emptyValueFallsBackToTheDefault() throws {
        #expect(try EnvironmentInterpolation.apply(to: "a: ${X:-d}", environment: ["X": ""]) == "a: d")
        #expect(try EnvironmentInterpolation.apply(to: "a: ${X}", environment: ["X": ""]) == "a: ")
    }

    @Test func unterminatedReferenceNamesTheLine() {
        #expect(throws: EnvironmentInterpolation.Failure.unterminated(line: 2)) {
            try EnvironmentInterpolation.apply(to: "a: 1\nb: ${OPEN\n", environment: [:])
        }
    }
}
