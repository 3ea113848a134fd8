@testable import Broker
import Foundation
import Testing

@testable import ClusterRuntime

@Suite("Config: broker.ha")
struct HAConfigTests {
    func parse(_ text: String) throws -> ClusterConfiguration {
        try ConfigurationLoader.parse(text, file: "c.yaml", environment: [:])
    }

    func problem(_ text: String) -> String? {
        do {
            _ = try parse(text)
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test func theSectionReachesTheElectionsTimings() throws {
        let configuration = try parse("""
            broker:
              bind: tcp://0.0.0.0:5555
              journal: {url: "postgres://cluster@db.internal/cluster"}
              ha: {name: b1, advertise: "tcp://10.0.0.11:5555", heartbeat_ms: 500, lease_heartbeats: 4, poll_ms: 100}
            security: {allow_insecure: true}
            """)
        let ha = try #require(configuration.broker?.ha)
        #expect(ha.name == "b1")
        #expect(ha.advertisedEndpoint(bind: "tcp://0.0.0.0:5555") == "tcp://10.0.0.11:5555")
        let policy = HAAssembly.policy(ha)
        #expect(policy.heartbeat == .milliseconds(500))
        #expect(policy.lease == .seconds(2))
        #expect(policy.pollInterval == .milliseconds(100))
        #expect(policy.serving == .milliseconds(1_500))
    }

    @Test func defaultsAreOneSecondHeartbeatsAThreeHeartbeatLeaseAndTheBindAddress() throws {
        let ha = try #require(try parse("broker:\n  bind: tcp://10.0.0.11:5555\n  journal: postgres://cluster@db.internal/cluster\n  ha: {name: b1}\nsecurity: {allow_insecure: true}\n").broker?.ha)
        #expect(ha.advertisedEndpoint(bind: "tcp://10.0.0.11:5555") == "tcp://10.0.0.11:5555")
        #expect(HAAssembly.policy(ha) == LeadershipPolicy())
        #expect(try parse("broker: {}\n").broker?.ha == nil)
    }

    @Test func badValuesAreRefusedNamingTheKey() {
        #expect(problem("broker:\n  ha: {advertise: \"tcp://10.0.0.1:5555\"}\n")?.contains("broker.ha.name") == true)
        #expect(problem("broker:\n  ha: {name: \"b 1\"}\n")?.contains("broker.ha.name") == true)
        #expect(problem("broker:\n  bind: tcp://0.0.0.0:5555\n  ha: {name: b1}\n")?.contains("broker.ha.advertise") == true)
        #expect(problem("broker:\n  ha: {name: b1, advertise: nowhere}\n")?.contains("broker.ha.advertise") == true)
        #expect(problem("broker:\n  ha: {name: b1, heartbeat_ms: 5}\n")?.contains("broker.ha.heartbeat_ms") == true)
        #expect(problem("broker:\n  ha: {name: b1, lease_heartbeats: 1}\n")?.contains("broker.ha.lease_heartbeats") == true)
        #expect(problem("broker:\n  ha: {name: b1, poll_ms: 5000}\n")?.contains("broker.ha.poll_ms") == true)
        #expect(problem("broker:\n  ha: {name: b1, lease_s: 3}\n") != nil, "a misspelt key is an error")
        #expect(problem("broker:\n  ha: {name: b1}\n")?.contains("broker.journal.url") == true, "HA without the shared journal")
    }

    @Test func aFileThatAlsoRunsAgentsMustListEveryBroker() {
        let agents = "agents:\n  - {name: cc01, specialty: backend}\n"
        #expect(problem("broker:\n  journal: postgres://cluster@db/cluster\n  ha: {name: b1}\n" + agents)?.contains("bus.endpoints") == true)
        #expect(problem("""
            broker:
              journal: postgres://cluster@db/cluster
              ha: {name: b1}
            bus:
              endpoints: [tcp://127.0.0.1:5555, tcp://127.0.0.1:6555]
              events: [tcp://127.0.0.1:5556, tcp://127.0.0.1:6556]
            """ + "\n" + agents) == nil)
    }
}
