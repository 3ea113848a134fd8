import TestSupport
import Foundation
import Testing
@testable import ClusterRuntime

/// A file names only what it changes: every section left out, left empty or partly
/// written is completed from its defaults by the schema, not by hand-written decoders.
@Suite struct ConfigurationDefaultsTests {
    private func parse(_ text: String) throws -> ClusterConfiguration {
        try ConfigurationLoader.parse(text, file: "x.yaml", environment: [:])
    }

    @Test func anEmptyFileIsTheDefaultConfiguration() throws {
        #expect(try parse("") == ClusterConfiguration())
        #expect(try parse("cluster: {}\nsecurity:\n") == ClusterConfiguration())
    }

    @Test func anEmptySectionIsThatSectionsDefaults() throws {
        let configuration = try parse("""
        broker:
          tasks: {}
          routing: {}
          usage_limits: {}
          journal: {}
          alerts: {}
        bridge:
          github: {}
        """)
        #expect(configuration.broker == BrokerSection())
        #expect(configuration.bridge == BridgeSection())
    }

    @Test func aPartlyWrittenSectionKeepsTheOtherDefaults() throws {
        let configuration = try parse("""
        cluster:
          name: team
        broker:
          heartbeat_ms: 250
          tasks:
            max_attempts: 5
        bridge:
          github:
            max_fix_rounds: 1
        """)
        var broker = BrokerSection()
        broker.heartbeatMs = 250
        broker.tasks.maxAttempts = 5
        var bridge = BridgeSection()
        bridge.github.maxFixRounds = 1
        #expect(configuration.cluster == modified(ClusterSection()) { $0.name = "team" })
        #expect(configuration.broker == broker)
        #expect(configuration.bridge == bridge)
    }

    @Test func anEmptyOrNullValueTakesTheDefault() throws {
        let configuration = try parse("""
        cluster:
          data_dir: ""
        broker:
          bind:
          liveness: null
        bridge:
          token: ""
          public_url: ""
          github:
            api_url: ""
            secret: ""
        """)
        #expect(configuration.cluster.dataDir == ClusterSection().dataDir)
        #expect(configuration.broker == BrokerSection())
        #expect(configuration.bridge == BridgeSection())
    }

    @Test func agentsInheritOnlyWhatTheyLeaveOut() throws {
        let configuration = try parse("""
        broker: {}
        agent_defaults:
          repository: /srv/repo
          max_concurrent: 2
        agents:
          - name: CC01
            specialty: backend
            max_concurrent: 1
        """)
        let agent = try #require(configuration.agents.first).merged(over: configuration.agentDefaults)
        #expect(agent.repository == "/srv/repo")
        #expect(agent.maxConcurrent == 1)
    }

    @Test func aSectionWithoutDefaultsStillNamesWhatIsMissing() {
        #expect(throws: ConfigurationError(file: "x.yaml", key: "bridge.tls.key", problem: "is required")) {
            try parse("bridge:\n  tls:\n    certificate: /etc/cert.pem\n")
        }
    }

    @Test func aMisspeltKeyInsideADefaultedSectionIsStillAnError() {
        #expect(throws: ConfigurationError.self) {
            try parse("broker:\n  tasks:\n    max_attempt: 5\n")
        }
    }
}

/// `merged(over:)` names its fields one by one; a field added to `AgentSection` and
/// forgotten there would silently not be inherited. This fills every coding key.
@Suite struct AgentSectionInheritanceTests {
    /// An agent section with every field set, each value found by trying one of each JSON kind.
    private func everyFieldSet() throws -> (section: AgentSection, keys: Set<String>) {
        var fields: [String] = []
        for key in AgentSection.CodingKeys.allCases {
            let value = ["\"x\"", "1", "true", "[\"x\"]"].first { candidate in
                let json = "{\"\(key.stringValue)\": \(candidate)}"
                let decoded = try? JSONDecoder().decode(AgentSection.self, from: Data(json.utf8))
                return decoded.map { $0 != AgentSection() } ?? false
            }
            fields.append("\"\(key.stringValue)\": \(try #require(value, "no JSON value decodes into \(key.stringValue)"))")
        }
        let section = try JSONDecoder().decode(AgentSection.self, from: Data("{\(fields.joined(separator: ","))}".utf8))
        return (section, Set(AgentSection.CodingKeys.allCases.map(\.stringValue)))
    }

    private func keys(of section: AgentSection) throws -> Set<String> {
        let object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(section)) as? [String: Any]
        return Set(try #require(object).keys)
    }

    @Test func everyFieldButTheStatusPortIsInherited() throws {
        let (defaults, allKeys) = try everyFieldSet()
        #expect(try keys(of: defaults) == allKeys)
        let inherited = try keys(of: AgentSection().merged(over: defaults))
        #expect(inherited == allKeys.subtracting(["status_listen"]))
    }

    @Test func anAgentsOwnValueWins() throws {
        let (defaults, _) = try everyFieldSet()
        let own = modified(AgentSection(name: "CC02")) { $0.maxConcurrent = 7 }
        let merged = own.merged(over: defaults)
        #expect(merged.name == "CC02")
        #expect(merged.maxConcurrent == 7)
    }
}
