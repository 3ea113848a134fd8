@testable import Broker
import Foundation
import Testing
import Wire

@Suite("BrokerState: plain MDP requests")
struct StateRequestTests {
    static let framings: [(client: MDPFraming, worker: MDPFraming)] = [
        (.spec, .spec), (.delimited, .delimited), (.spec, .delimited), (.delimited, .spec),
    ]

    @Test("REQUEST, PARTIAL and FINAL round trip, each peer answered in its own framing",
          arguments: framings.indices)
    func roundTrip(index: Int) {
        let (clientFraming, workerFraming) = Self.framings[index]
        var h = StateHarness(.testing())
        h.ready(.workerA, service: "echo", framing: workerFraming)
        let request = h.receive(.client(.request(service: "echo", body: [Frame("hello"), Frame("world")])),
                                framing: clientFraming, from: .client)
        #expect(request.sent(to: .workerA).map(\.framing) == [workerFraming])
        #expect(request.messages(to: .workerA)
            == [.worker(.request(envelope: [PeerID.client.identity], body: [Frame("hello"), Frame("world")]))])

        let partial = h.receive(.worker(.partial(envelope: [PeerID.client.identity], body: [Frame("half")])),
                                framing: workerFraming, from: .workerA)
        #expect(partial.sent(to: .client).map(\.framing) == [clientFraming])
        #expect(partial.messages(to: .client) == [.client(.partial(service: "echo", body: [Frame("half")]))])

        let final = h.receive(.worker(.final(envelope: [PeerID.client.identity], body: [Frame("done")])),
                              framing: workerFraming, from: .workerA)
        #expect(final.sent(to: .client).map(\.framing) == [clientFraming])
        #expect(final.messages(to: .client) == [.client(.final(service: "echo", body: [Frame("done")]))])
        #expect(h.state.counters.requestsAnswered == 1)
    }

    @Test("Waiting requests go out oldest first, one per free slot")
    func dispatchOrder() {
        var h = StateHarness(.testing())
        for text in ["1", "2", "3"] {
            #expect(h.receive(.client(.request(service: "echo", body: [Frame(text)])), from: .client).isEmpty)
        }
        var actions = h.ready(.workerA, service: "echo")
        #expect(actions.workerRequests(to: .workerA).map(\.body) == [[Frame("1")]])
        for expected in ["2", "3"] {
            actions = h.receive(.worker(.final(envelope: [PeerID.client.identity], body: [Frame("ok")])), from: .workerA)
            #expect(actions.finals(to: .client).count == 1)
            #expect(actions.workerRequests(to: .workerA).map(\.body) == [[Frame(expected)]])
        }
    }

    @Test("An agent with capacity N holds N requests at once")
    func capacity() {
        var h = StateHarness(.testing())
        let (peer, _) = h.agent("CC01", service: "echo", capacity: 2)
        var sent = 0
        for text in ["1", "2", "3"] {
            sent += h.receive(.client(.request(service: "echo", body: [Frame(text)])), from: .client)
                .workerRequests(to: peer).count
        }
        #expect(sent == 2)
        let freed = h.receive(.worker(.final(envelope: [PeerID.client.identity], body: [Frame("ok")])), from: peer)
        #expect(freed.workerRequests(to: peer).map(\.body) == [[Frame("3")]])
    }

    @Test("mmi.service answers 200, 404 and 501; an unknown mmi. service answers 501")
    func mmiService() {
        var h = StateHarness(.testing())
        h.ready(.workerA, service: "echo")
        func ask(_ name: String) -> [Frame]? {
            h.receive(.client(MMI.serviceLookupRequest(for: name)), from: .client).finals(to: .client).first?.body
        }
        #expect(ask("echo") == MMI.Status.found.body)
        #expect(ask("nothing") == MMI.Status.notFound.body)
        #expect(ask("mmi.task.submit") == MMI.Status.found.body)
        #expect(ask("mmi.nope") == MMI.Status.notImplemented.body)
        let unknown = h.receive(.client(.request(service: "mmi.nope", body: [Frame("x")])), framing: .delimited, from: .client)
        #expect(unknown.sent(to: .client).map(\.framing) == [.delimited])
        #expect(unknown.finals(to: .client).first?.service == "mmi.nope")
        #expect(unknown.finals(to: .client).first?.body == MMI.Status.notImplemented.body)
    }

    @Test("A request with no worker expires: a plain client hears nothing, cluster clients get an error")
    func expiry() throws {
        var h = StateHarness(.testing())
        _ = h.receive(.client(.request(service: "echo", body: [Frame("plain")])), from: .client)
        let bus = BusRequest(id: "b1", payload: EmptyPayload())
        _ = h.receive(.client(.request(service: "echo", body: [JSONWire.encode(bus)])), from: .otherClient)
        let help = HelpRequest(id: "h1", from: "CC01", specialty: "infra", question: "why?")
        let helper = PeerID(Frame("asking-agent"))
        _ = h.receive(.client(.request(service: "infra", body: [JSONWire.encode(help)])), from: helper)
        #expect(h.state.nextDeadline(after: h.now).uptime == .seconds(1))
        #expect(h.advance(.seconds(4)).finals(to: .client).isEmpty)
        let expired = h.advance(.seconds(1))
        #expect(expired.messages(to: .client).isEmpty)
        #expect(expired.busErrors(to: .otherClient).map(\.id) == ["b1"])
        #expect(expired.busErrors(to: .otherClient).first?.error.code == .unavailable)
        let answer = try #require(expired.finals(to: helper).first)
        let decoded = try JSONWire.decode(HelpAnswer.self, from: answer.body[0])
        #expect(decoded.id == "h1" && !decoded.ok)
        #expect(h.state.counters.requestsExpired == 3)
        // Nothing is left to hand to a late worker.
        #expect(h.ready(.workerA, service: "echo").workerRequests(to: .workerA).isEmpty)
    }

    @Test("Invalid messages are counted and logged once per peer")
    func invalidCounting() {
        var h = StateHarness(.testing())
        var logs = 0
        for _ in 0..<3 {
            logs += h.state.rejectInvalid(from: .client, reason: "garbage", now: h.now).logs.count
        }
        #expect(logs == 1)
        logs += h.receive(.client(.final(service: "echo", body: [Frame("x")])), from: .client).logs.count
        #expect(logs == 1)
        #expect(h.state.rejectInvalid(from: .otherClient, reason: "garbage", now: h.now).logs.count == 1)
        #expect(h.state.counters.invalidMessages == 5)
    }
}
