@testable import Broker
import Foundation
import Testing
import Wire

/// An agent whose runner is missing: it gets work only when no agent of its queue can run
/// tasks, so tasks fail with its explanation instead of waiting unseen.
@Suite struct StateRunnerMissingTests {
    static func brokenInfo(_ name: String, _ service: String) -> AgentInfo {
        AgentInfo(name: name, specialties: [service], capacity: 1, version: "test", host: "h",
                  runnerAvailable: false, runnerProblem: "Claude Code (`claude`) was not found on PATH")
    }

    @Test func aHealthyAgentIsPreferredOverOneWithoutRunner() {
        var harness = StateHarness()
        let broken = PeerID(Frame("broken"))
        harness.ready(broken, service: "frontend", info: Self.brokenInfo("CC09", "frontend"))
        let (healthy, _) = harness.agent("CC01", service: "frontend")
        let (_, actions) = harness.submit(TaskSpec(title: "ui work", description: "d", target: "frontend"))
        #expect(actions.assignments(to: healthy).count == 1)
        #expect(actions.assignments(to: broken).isEmpty)
    }

    @Test func registeringWithoutARunnerRaisesAnAlertSayingWhy() {
        var harness = StateHarness()
        let actions = harness.ready(PeerID(Frame("broken")), service: "frontend", info: Self.brokenInfo("CC09", "frontend"))
        #expect(actions.alerts.map(\.kind) == [.runnerUnavailable])
        #expect(actions.alerts.first?.agent == "CC09")
        #expect(actions.alerts.first?.text.contains("was not found on PATH") == true)
    }

    @Test func withOnlyBrokenAgentsTheTaskGoesToOneSoItFailsWithItsMessage() {
        var harness = StateHarness()
        let broken = PeerID(Frame("broken"))
        harness.ready(broken, service: "frontend", info: Self.brokenInfo("CC09", "frontend"))
        let (_, actions) = harness.submit(TaskSpec(title: "ui work", description: "d", target: "frontend"))
        #expect(actions.assignments(to: broken).count == 1)
    }
}
