@testable import Broker
import Foundation
import Testing
import Wire

@Suite("Alert delivery: retry schedule, rate limit per kind, message, disk watch")
struct AlertDeliveryTests {
    private func alert(_ kind: Alert.Kind, _ severity: Alert.Severity = .warning) -> Alert {
        Alert(kind: kind, severity: severity, text: "\(kind.rawValue) happened", agent: "cc01")
    }

    @Test func retriesBackOffExponentiallyUpToTheCapThenGiveUp() {
        let policy = AlertDeliveryPolicy(maxAttempts: 6, baseDelay: .seconds(2), maxDelay: .seconds(10))
        let delays = (1...6).map { policy.retryDelay(afterAttempt: $0) }
        #expect(delays == [.seconds(2), .seconds(4), .seconds(8), .seconds(10), .seconds(10), nil])
        #expect(AlertDeliveryPolicy(maxAttempts: 1).retryDelay(afterAttempt: 1) == nil)
        #expect(AlertDeliveryPolicy(maxAttempts: 0).maxAttempts == 1)
    }

    @Test func eachKindHasItsOwnLimitPerSlidingWindow() {
        var limiter = AlertRateLimiter(policy: AlertDeliveryPolicy(perKindLimit: 2, window: .seconds(60)))
        #expect(limiter.admit(alert(.agentDown), now: .seconds(0)) == .deliver(heldBefore: 0))
        #expect(limiter.admit(alert(.agentDown), now: .seconds(10)) == .deliver(heldBefore: 0))
        #expect(limiter.admit(alert(.agentDown), now: .seconds(20)) == .heldBack(heldSoFar: 1))
        #expect(limiter.admit(alert(.agentDown), now: .seconds(30)) == .heldBack(heldSoFar: 2))
        // Another kind is not held back by agent_down's flood.
        #expect(limiter.admit(alert(.taskTimeout), now: .seconds(31)) == .deliver(heldBefore: 0))
        // At 60 s the first delivery leaves the window: one more goes, carrying the count.
        #expect(limiter.admit(alert(.agentDown), now: .seconds(59)) == .heldBack(heldSoFar: 3))
        #expect(limiter.admit(alert(.agentDown), now: .seconds(60)) == .deliver(heldBefore: 3))
        #expect(limiter.admit(alert(.agentDown), now: .seconds(65)) == .heldBack(heldSoFar: 1))
        #expect(limiter.admit(alert(.agentDown), now: .seconds(70)) == .deliver(heldBefore: 1))
    }

    @Test func alertsBelowTheMinimumSeverityAreNotDelivered() {
        var limiter = AlertRateLimiter(policy: AlertDeliveryPolicy(minimumSeverity: .warning))
        #expect(limiter.admit(alert(.usageLimit, .info), now: .zero) == .belowSeverity)
        #expect(limiter.admit(alert(.agentDown, .critical), now: .zero) == .deliver(heldBefore: 0))
    }

    @Test func theWebhookBodyHasASlackTextAndTheWholeAlert() throws {
        let at = Date(timeIntervalSince1970: 1_800_000_000)
        let message = AlertMessage(alert: alert(.agentDown, .critical), cluster: "local", at: at, heldBack: 2)
        #expect(message.text == ":rotating_light: [local] critical agent_down: agent_down happened (2 more agent_down alerts held back by the rate limit)")
        let json = try #require(try JSONSerialization.jsonObject(with: message.jsonData()) as? [String: Any])
        #expect(json["text"] as? String == message.text)
        #expect(json["held_back"] as? Int == 2)
        #expect(json["at"] as? String == "2027-01-15T08:00:00Z")
        let inner = try #require(json["alert"] as? [String: Any])
        #expect(inner["kind"] as? String == "agent_down")
        #expect(inner["severity"] as? String == "critical")
        #expect(inner["agent"] as? String == "cc01")
    }

    @Test func lowDiskSpaceAlertsOnceUntilTheDiskRecovers() {
        var watch = DiskSpaceWatch(minimumFreeBytes: 1_000_000_000, path: "/data")
        #expect(watch.observe(freeBytes: 5_000_000_000) == nil)
        let first = watch.observe(freeBytes: 900_000_000)
        #expect(first?.kind == .lowDiskSpace)
        #expect(first?.severity == .warning)
        #expect(first?.text.contains("Only 900 MB are free on the disk of /data (the alert is set at 1,000 MB)") == true)
        #expect(watch.observe(freeBytes: 800_000_000) == nil)
        // Back above the line but not by half again: still the same episode.
        #expect(watch.observe(freeBytes: 1_200_000_000) == nil)
        #expect(watch.observe(freeBytes: 900_000_000) == nil)
        #expect(watch.observe(freeBytes: 1_600_000_000) == nil)
        let second = watch.observe(freeBytes: 100_000_000)
        #expect(second?.severity == .critical)
        var off = DiskSpaceWatch(minimumFreeBytes: 0, path: "/")
        #expect(off.observe(freeBytes: 0) == nil)
    }

    @Test("Every alert the state machine raises is handed to the delivery, once, with its publication")
    func stateMachineHandsAlertsToTheDelivery() {
        var h = StateHarness(.testing())
        h.ready(.workerA, service: "echo")
        let actions = h.run(for: .seconds(3))
        let delivered = actions.compactMap { if case .alert(let alert) = $0 { alert } else { nil } }
        #expect(delivered.map(\.kind) == [.agentDown])
        #expect(delivered == actions.alerts)
    }

    @Test func anAlertTheShellDetectsIsPublishedCountedAndDelivered() {
        var h = StateHarness(.testing())
        let low = Alert(kind: .lowDiskSpace, severity: .warning, text: "disk nearly full")
        let actions = h.state.raiseDetected(low, now: h.now)
        #expect(actions.alerts == [low])
        #expect(actions.contains(.alert(low)))
        #expect(h.state.counters.alerts == 1)
    }
}
