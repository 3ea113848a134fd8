@testable import Broker
import Foundation
import Testing
import Wire

@Suite("BrokerState: alerts raised by clients")
struct StateAlertRaiseTests {
    @Test("mmi.alert.raise publishes the client's alert on the alert topic and answers")
    func clientAlertIsPublished() throws {
        var h = StateHarness(.testing())
        let alert = Alert(kind: .githubPermission, severity: .warning, text: "GitHub refused creating a comment with 403", taskID: "T-1")
        let actions = h.call(ClusterService.AlertRaise.self, alert)
        #expect(actions.published.map(\.topic) == [Topic.alert])
        let event = try JSONWire.decode(ClusterEvent.self, from: try #require(actions.published.first).body)
        #expect(event.payload == .alert(alert))
        #expect(try actions.busReplies(ClusterService.AlertRaise.self, to: .client).first?.get() == EmptyPayload())
        #expect(h.state.counters.alerts == 1)
    }
}
