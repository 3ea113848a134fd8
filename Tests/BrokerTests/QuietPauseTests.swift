import Testing

@testable import Broker

/// When the broker pauses before polling again: only after a batch of heartbeats alone.
@Suite struct QuietPauseTests {
    let pause = QuietPause(duration: .milliseconds(2))

    @Test func aBatchOfHeartbeatsAloneIsFollowedByThePause() {
        #expect(pause.after(handled: 3, heartbeatsOnly: true, producedActions: false, holding: false) == .milliseconds(2))
    }

    @Test func aRequestThatOnlyQueuedDoesNotPause() {
        // A request with every worker busy is queued and produces nothing yet; the broker
        // must stay awake for the reply that frees a worker.
        #expect(pause.after(handled: 3, heartbeatsOnly: false, producedActions: false, holding: false) == nil)
    }

    @Test func aBusyOrWaitingBrokerNeverPauses() {
        #expect(pause.after(handled: 3, heartbeatsOnly: true, producedActions: true, holding: false) == nil)
        #expect(pause.after(handled: 3, heartbeatsOnly: true, producedActions: false, holding: true) == nil)
        #expect(pause.after(handled: 0, heartbeatsOnly: true, producedActions: false, holding: false) == nil)
    }

    @Test func zeroTurnsItOff() {
        #expect(QuietPause(duration: .zero).after(handled: 5, heartbeatsOnly: true, producedActions: false, holding: false) == nil)
        #expect(BrokerSettings(dataDirectory: .init(fileURLWithPath: "/tmp"), quietPause: .seconds(-1)).quietPause == .zero)
    }
}
