@testable import Broker
import Foundation
import Testing
import Wire

@Suite("BrokerState: restore after a restart")
struct StateRestoreTests {
    func record(_ id: String, _ state: TaskState, attempts: Int, agent: String? = nil, at wall: Date,
                notBefore: Date? = nil) -> TaskRecord {
        TaskRecord(id: id, spec: TaskSpec(title: id, description: "d"), state: state, attempts: attempts,
                   agent: agent, specialty: "backend", createdAt: wall, notBefore: notBefore)
    }

    @Test("Queued and due retrying tasks are dispatched when an agent registers; others wait their time")
    func queuedAndRetrying() {
        var h = StateHarness(.testing())
        let wall = h.now.wall
        let restored = h.state.restore([
            record("later", .retrying, attempts: 1, at: wall, notBefore: wall.addingTimeInterval(10)),
            record("due", .retrying, attempts: 1, at: wall.addingTimeInterval(-5), notBefore: wall),
            record("fresh", .queued, attempts: 0, at: wall.addingTimeInterval(-10)),
        ], now: h.now)
        #expect(restored.logs.count == 1)
        let (peer, registered) = h.agent("CC02", service: "backend", capacity: 3)
        #expect(registered.assignments(to: peer).map { "\($0.taskID)#\($0.attempt)" } == ["fresh#1", "due#2"])
        let later = h.run(for: .seconds(10), alive: [peer])
        #expect(later.assignments(to: peer).map { "\($0.taskID)#\($0.attempt)" } == ["later#2"])
    }

    @Test("A running task reported by its re-registered agent stays running there")
    func agentReportsRunningTask() {
        var h = StateHarness(.testing())
        _ = h.state.restore([record("r1", .running, attempts: 1, agent: "CC02", at: h.now.wall)], now: h.now)
        let (peer, registered) = h.agent("CC02", service: "backend")
        #expect(registered.assignments(to: peer).isEmpty)
        let load = AgentLoad(runningTaskIDs: ["r1"])
        _ = h.receive(.worker(.heartbeat(extensions: [JSONWire.encode(load)])), from: peer)
        let grace = h.run(for: .seconds(5), alive: [peer])
        #expect(grace.assignments(to: peer).isEmpty && grace.upserts.isEmpty)
        let done = h.complete("r1", from: peer)
        #expect(done.upserts.last?.state == .succeeded)
        #expect(done.results.map(\.attempt) == [1])
    }

    @Test("A running task nobody reports is queued again after the grace, keeping its attempt")
    func unreportedTaskRequeued() {
        var h = StateHarness(.testing())
        _ = h.state.restore([record("r1", .running, attempts: 1, agent: "CC02", at: h.now.wall)], now: h.now)
        let (other, _) = h.agent("CC05", service: "backend")
        #expect(h.run(for: .seconds(2), alive: [other]).assignments(to: other).isEmpty)
        let requeued = h.run(for: .seconds(1), alive: [other])
        #expect(requeued.upserts.map(\.state) == [.queued, .assigned])
        #expect(requeued.assignments(to: other).map(\.attempt) == [1])
    }

    @Test("A result delivered by an agent before it registers again decides the restored task")
    func resultFromUnregisteredAgent() {
        var h = StateHarness(.testing())
        _ = h.state.restore([record("r1", .assigned, attempts: 2, agent: "CC02", at: h.now.wall)], now: h.now)
        let agent = PeerID(Frame("peer-CC02"))
        let done = h.complete("r1", attempt: 2, from: agent, summary: "finished while you were away")
        #expect(done.upserts.last?.state == .succeeded)
        #expect(done.results.map(\.result.summary) == ["finished while you were away"])
        #expect(done.disconnected(agent))
        #expect(h.run(for: .seconds(5)).upserts.isEmpty)
    }

    @Test("Progress from a restored task's agent also keeps it there")
    func progressAdopts() {
        var h = StateHarness(.testing())
        _ = h.state.restore([record("r1", .assigned, attempts: 1, agent: "CC02", at: h.now.wall)], now: h.now)
        let (peer, _) = h.agent("CC02", service: "backend")
        let progress = h.progress("r1", from: peer)
        #expect(progress.stateChanges.map(\.state) == [.running])
        #expect(h.run(for: .seconds(5), alive: [peer]).assignments(to: peer).isEmpty)
    }
}
