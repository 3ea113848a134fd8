@testable import Broker
import Foundation
import Testing
import Wire

/// The least-loaded order and the agents it must not pick: one an operator paused or
/// drained, and one in its disconnect grace. They leave the order while excluded and
/// enter it again, once, when they may take work.
@Suite("Burst spread with paused and disconnected agents")
struct StateBurstExclusionTests {
    /// Registers agents A0…A(count-1) of capacity 1 serving `backend`.
    private static func agents(_ count: Int, into h: inout StateHarness) -> [PeerID] {
        (0..<count).map { h.agent("A\($0)", service: "backend").0 }
    }

    /// Submits `count` backend tasks and counts the assignments each agent got.
    private static func burst(_ count: Int, named prefix: String, into h: inout StateHarness) -> [PeerID: [String]] {
        var given: [PeerID: [String]] = [:]
        for index in 0..<count {
            for action in h.submit(TaskSpec(title: "\(prefix)\(index)", description: "d", target: "backend")).1 {
                guard case .send(let peer, _) = action else { continue }
                given[peer, default: []] += [action].assignments(to: peer).map(\.taskID)
            }
        }
        return given.filter { !$0.value.isEmpty }
    }

    @Test("Paused and draining agents get nothing from a burst; resumed, each takes one waiting task, then spreads fairly")
    func pauseBurstResume() throws {
        var h = StateHarness(.testing(balancing: .leastLoaded))
        let agents = Self.agents(6, into: &h)
        _ = h.pause("A0")
        _ = h.pause("A1", drain: true)

        let first = Self.burst(6, named: "first", into: &h)
        #expect(Set(first.keys) == Set(agents[2...]), "only the four agents taking work")
        #expect(first.values.allSatisfy { $0.count == 1 })
        #expect(h.state.tasks.queuedCount == 2)

        // Resumed one by one, each takes exactly one of the waiting tasks.
        let resumedA0 = h.call(ClusterService.AgentResume.self, AgentReference(agent: "A0"))
        #expect(resumedA0.assignments(to: agents[0]).count == 1)
        #expect(agents.dropFirst().allSatisfy { resumedA0.assignments(to: $0).isEmpty })
        let resumedA1 = h.call(ClusterService.AgentResume.self, AgentReference(agent: "A1"))
        #expect(resumedA1.assignments(to: agents[1]).count == 1)
        #expect(h.state.tasks.queuedCount == 0)

        // All finish; the next burst reaches every agent once, resumed ones included.
        for peer in agents {
            for taskID in h.state.registry[peer]?.tasks.keys.sorted() ?? [] { _ = h.complete(taskID, from: peer) }
        }
        let second = Self.burst(6, named: "second", into: &h)
        #expect(Set(second.keys) == Set(agents))
        #expect(second.values.allSatisfy { $0.count == 1 })
    }

    @Test("An idle agent paused and resumed repeatedly holds one place in the order: a burst gives it one task")
    func repeatedPauseKeepsOnePlace() {
        var h = StateHarness(.testing(balancing: .leastLoaded))
        let agents = Self.agents(3, into: &h)
        for _ in 0..<5 {
            _ = h.pause("A1")
            _ = h.call(ClusterService.AgentResume.self, AgentReference(agent: "A1"))
        }
        let given = Self.burst(4, named: "t", into: &h)
        #expect(Set(given.keys) == Set(agents))
        #expect(given[agents[1]]?.count == 1)
        #expect(h.state.tasks.queuedCount == 1)
    }

    @Test("An agent in its disconnect grace gets nothing from a burst; back over a live connection it takes a waiting task")
    func disconnectGraceBurstResume() {
        var h = StateHarness(.testing(balancing: .leastLoaded))
        let agents = Self.agents(4, into: &h)
        _ = h.state.connectionClosed(agents[0], now: h.now)

        let given = Self.burst(4, named: "t", into: &h)
        #expect(Set(given.keys) == Set(agents[1...]))
        #expect(given.values.allSatisfy { $0.count == 1 })
        #expect(h.state.tasks.queuedCount == 1)

        h.now = h.now.advanced(by: .milliseconds(100))
        let resumed = h.state.connectionResumed(agents[0], now: h.now)
        #expect(resumed.assignments(to: agents[0]).count == 1)
        #expect(h.state.tasks.queuedCount == 0)
        // Its grace timer, when it fires, changes nothing.
        #expect(h.advance(.milliseconds(200)).assignments(to: agents[0]).isEmpty)
        #expect(h.state.registry[agents[0]] != nil)
    }

    @Test("An agent whose grace ends leaves the order; its name registered again on a new connection takes work once")
    func disconnectGraceEndsThenReRegisters() {
        var h = StateHarness(.testing(balancing: .leastLoaded))
        let agents = Self.agents(3, into: &h)
        _ = h.state.connectionClosed(agents[0], now: h.now)
        _ = h.advance(.milliseconds(200))
        #expect(h.state.registry[agents[0]] == nil)

        let fresh = PeerID(Frame("peer-A0-again"))
        _ = h.ready(fresh, service: "backend", info: AgentInfo(name: "A0", specialties: ["backend"], version: "test", host: "h"))
        let given = Self.burst(4, named: "t", into: &h)
        #expect(Set(given.keys) == Set([fresh, agents[1], agents[2]]))
        #expect(given.values.allSatisfy { $0.count == 1 })
        #expect(given[agents[0]] == nil)
        #expect(h.state.tasks.queuedCount == 1)
    }
}
