@testable import Broker
import Foundation
import Testing
import Wire

/// Least-loaded balancing under bursts, stepped by hand: every idle agent gets work before
/// any agent gets a second task, however the burst arrives.
@Suite("Burst spread")
struct StateBurstSpreadTests {
    /// Registers `count` agents of `capacity` serving `backend`.
    private static func agents(_ count: Int, capacity: Int, into h: inout StateHarness) -> [PeerID] {
        (0..<count).map { h.agent("A\($0)", service: "backend", capacity: capacity).0 }
    }

    /// The task ids assigned to each agent by `actions`, in order.
    private static func assigned(_ actions: [BrokerAction], among agents: [PeerID]) -> [(PeerID, String)] {
        actions.compactMap { action -> (PeerID, String)? in
            guard case .send(let peer, _) = action, agents.contains(peer) else { return nil }
            return [action].assignments(to: peer).first.map { (peer, $0.taskID) }
        }
    }

    @Test("A burst of N × capacity tasks arriving while others finish reaches every agent before any gets a second")
    func burstWithCompletions() {
        for capacity in [1, 3] {
            var h = StateHarness(.testing(balancing: .leastLoaded))
            let agents = Self.agents(12, capacity: capacity, into: &h)
            var counts: [PeerID: Int] = [:]
            var outstanding: [(PeerID, String)] = []
            for index in 0..<(agents.count * capacity) {
                let actions = h.submit(TaskSpec(title: "t\(index)", description: "d")).1
                for (peer, taskID) in Self.assigned(actions, among: agents) {
                    counts[peer, default: 0] += 1
                    if counts[peer] == 2 {
                        #expect(counts.count == agents.count, "an agent got a second task while \(agents.count - counts.count) had none (capacity \(capacity))")
                    }
                    outstanding.append((peer, taskID))
                }
                // Tasks finish while the burst still arrives: the oldest one every third submit.
                if index % 3 == 2, !outstanding.isEmpty {
                    let (peer, taskID) = outstanding.removeFirst()
                    for (next, nextID) in Self.assigned(h.complete(taskID, from: peer), among: agents) {
                        counts[next, default: 0] += 1
                        outstanding.append((next, nextID))
                    }
                }
            }
            #expect(counts.count == agents.count, "capacity \(capacity): \(agents.count - counts.count) agents got nothing")
        }
    }

    @Test("A trickle of tasks, each finished before the next arrives, goes round the agents instead of back to the first")
    func trickleGoesRound() {
        var h = StateHarness(.testing(balancing: .leastLoaded))
        let agents = Self.agents(4, capacity: 1, into: &h)
        var order: [PeerID] = []
        for index in 0..<8 {
            let actions = h.submit(TaskSpec(title: "t\(index)", description: "d")).1
            let given = Self.assigned(actions, among: agents)
            order += given.map(\.0)
            for (peer, taskID) in given { _ = h.complete(taskID, from: peer) }
        }
        #expect(order == agents + agents)
    }

    @Test("An idle agent's lower load report does not win it a second task over an agent never given work")
    func loadReportRanksBelowFairness() {
        var h = StateHarness(.testing(balancing: .leastLoaded))
        let agents = Self.agents(3, capacity: 1, into: &h)
        for (index, peer) in agents.enumerated() {
            let load = AgentLoad(cpuPercent: 1, rssBytes: 100_000_000 + index * 1_000_000)
            _ = h.receive(.worker(.heartbeat(extensions: [JSONWire.encode(load)])), from: peer)
        }
        let first = Self.assigned(h.submit(TaskSpec(title: "t0", description: "d")).1, among: agents)
        #expect(first.map(\.0) == [agents[0]], "the lowest memory among agents never given work")
        _ = h.complete(first[0].1, from: agents[0])
        // Back to idle with the smallest report, but it had work: the others come first.
        let idle = AgentLoad(cpuPercent: 0, rssBytes: 1)
        _ = h.receive(.worker(.heartbeat(extensions: [JSONWire.encode(idle)])), from: agents[0])
        let next = (1...2).flatMap { Self.assigned(h.submit(TaskSpec(title: "t\($0)", description: "d")).1, among: agents).map(\.0) }
        #expect(next == [agents[1], agents[2]])
    }

    @Test("Plain requests share the same order: a second request goes to the worker that had none")
    func plainRequestsSpread() {
        var h = StateHarness(.testing(balancing: .leastLoaded))
        let workers = (0..<3).map { PeerID(Frame("plain-\($0)")) }
        for worker in workers { h.ready(worker, service: "echo") }
        var order: [PeerID] = []
        for index in 0..<6 {
            let actions = h.receive(.client(.request(service: "echo", body: [Frame("r\(index)")])), from: .client)
            for worker in workers {
                for request in actions.workerRequests(to: worker) {
                    order.append(worker)
                    _ = h.receive(.worker(.final(envelope: request.envelope, body: [Frame("ok")])), from: worker)
                }
            }
        }
        #expect(order == workers + workers)
    }

    @Test("Load reports on every heartbeat keep the least-loaded queue bounded")
    func loadQueueStaysBounded() {
        var h = StateHarness(.testing(balancing: .leastLoaded))
        let agents = Self.agents(10, capacity: 2, into: &h)
        for round in 0..<200 {
            for (index, peer) in agents.enumerated() {
                let load = AgentLoad(cpuPercent: Double((round * 7 + index) % 50), rssBytes: 1_000_000 + round)
                _ = h.receive(.worker(.heartbeat(extensions: [JSONWire.encode(load)])), from: peer)
            }
        }
        #expect(h.state.registry.loadQueueCount(key: "backend") <= 2 * agents.count + 64)
        // And the order is still right: the lowest CPU of the last round gets the task.
        let lowest = agents.indices.min { (199 * 7 + $0) % 50 < (199 * 7 + $1) % 50 }!
        #expect(Self.assigned(h.submit(TaskSpec(title: "t", description: "d")).1, among: agents).map(\.0) == [agents[lowest]])
    }
}
