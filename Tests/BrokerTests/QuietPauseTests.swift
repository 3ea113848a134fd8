import Testing

@testable import Broker

/// When the broker pauses before polling again: only after a batch that changed nothing.
@Suite struct QuietPauseTests {
    let pause = QuietPause(duration: .milliseconds(2))

    @Test func aBatchOfHeartbeatsAloneIsFollowedByThePause() {
        #expect(pause.after(handled: 3, producedActions: false, holding: false) == .milliseconds(2))
    }

    @Test func aBusyOrWaitingBrokerNeverPauses() {
        #expect(pause.after(handled: 3, producedActions: true, holding: false) == nil)
        #expect(pause.after(handled: 3, producedActions: false, holding: true) == nil)
        #expect(pause.after(handled: 0, producedActions: false, holding: false) == nil)
    }

    @Test func zeroTurnsItOff() {
        #expect(QuietPause(duration: .zero).after(handled: 5, producedActions: false, holding: false) == nil)
        #expect(BrokerSettings(dataDirectory: .init(fileURLWithPath: "/tmp"), quietPause: .seconds(-1)).quietPause == .zero)
    }
}
