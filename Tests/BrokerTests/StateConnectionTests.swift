@testable import Broker
import Foundation
import Testing
import Wire

/// Failure detection by connection: a worker whose connection closed is dead after the
/// disconnect grace (not after liveness × interval), unless it comes back within it.
@Suite struct StateConnectionTests {
    /// Agent CC01 holding one backend task, and CC02 idle beside it.
    private func holdingOneTask(_ h: inout StateHarness) throws -> (victim: PeerID, rescuer: PeerID, taskID: String) {
        let (victim, _) = h.agent("CC01", service: "backend")
        let (record, submitted) = h.submit(TaskSpec(title: "api", description: "d", target: "backend"))
        let task = try #require(record)
        #expect(submitted.assignments(to: victim).map(\.taskID) == [task.id])
        let (rescuer, _) = h.agent("CC02", service: "backend")
        return (victim, rescuer, task.id)
    }

    @Test("A closed connection requeues the worker's task when the grace ends, long before its heartbeats would")
    func closedConnectionRequeuesAfterGrace() throws {
        var h = StateHarness(.testing())
        let (victim, rescuer, taskID) = try holdingOneTask(&h)
        let closed = h.state.connectionClosed(victim, now: h.now)
        #expect(closed.assignments(to: rescuer).isEmpty)
        #expect(h.advance(.milliseconds(199)).assignments(to: rescuer).isEmpty)
        let ended = h.advance(.milliseconds(1))
        #expect(ended.assignments(to: rescuer).map(\.taskID) == [taskID])
        #expect(ended.alerts.map(\.kind) == [.agentDown])
        #expect(h.state.registry[victim] == nil)
        #expect(h.state.counters.workersConnectionLost == 1)
        #expect(h.state.counters.tasksRequeuedAfterDisconnect == 1)
        #expect(h.state.counters.tasksRequeued == 1)
        #expect(h.state.counters.workersExpired == 0)
    }

    @Test("During the grace the worker is sent no new work")
    func noWorkDuringGrace() throws {
        var h = StateHarness(.testing())
        let (peer, _) = h.agent("CC01", service: "backend", capacity: 2)
        _ = h.state.connectionClosed(peer, now: h.now)
        let (_, submitted) = h.submit(TaskSpec(title: "api", description: "d", target: "backend"))
        #expect(submitted.assignments(to: peer).isEmpty)
        #expect(h.state.tasks.queuedCount == 1)
    }

    @Test("Heard again over a live connection within the grace, the worker keeps its task; nothing is requeued")
    func resumedWithinGrace() throws {
        var h = StateHarness(.testing())
        let (victim, rescuer, taskID) = try holdingOneTask(&h)
        _ = h.state.connectionClosed(victim, now: h.now)
        h.now = h.now.advanced(by: .milliseconds(150))
        _ = h.state.connectionResumed(victim, now: h.now)
        #expect(h.advance(.milliseconds(500)).assignments(to: rescuer).isEmpty)
        #expect(h.state.registry[victim] != nil)
        #expect(h.complete(taskID, from: victim).stateChanges.map(\.state) == [.succeeded])
        #expect(h.state.counters.tasksRequeued == 0)
        #expect(h.state.counters.workersConnectionLost == 0)
    }

    @Test("An agent that registers again within the grace and reports its task keeps it; its result is recorded once")
    func reRegisteredAgentReportsItsTask() throws {
        var h = StateHarness(.testing())
        let (victim, rescuer, taskID) = try holdingOneTask(&h)
        _ = h.state.connectionClosed(victim, now: h.now)
        h.now = h.now.advanced(by: .milliseconds(50))
        let fresh = PeerID(Frame("peer-CC01-again"))
        let again = h.ready(fresh, service: "backend", info: AgentInfo(name: "CC01", specialties: ["backend"], version: "test", host: "h"))
        #expect(again.assignments(to: fresh).isEmpty)
        #expect(h.advance(.milliseconds(500)).assignments(to: rescuer).isEmpty)
        let load = AgentLoad(runningTaskIDs: [taskID])
        _ = h.receive(.worker(.heartbeat(extensions: [JSONWire.encode(load)])), from: fresh)
        let later = h.run(for: .seconds(5), alive: [fresh, rescuer])
        #expect(later.assignments(to: rescuer).isEmpty)
        let done = h.complete(taskID, from: fresh)
        #expect(done.stateChanges.map(\.state) == [.succeeded])
        #expect(done.results.count == 1)
        #expect(h.complete(taskID, from: fresh).results.isEmpty)
        #expect(h.state.counters.tasksRequeued == 0)
        #expect(h.state.counters.duplicateResults == 1)
    }

    @Test("A restarted agent that does not report its task has it queued again once, after the recovery grace")
    func restartedAgentWithoutItsTask() throws {
        var h = StateHarness(.testing())
        let (victim, rescuer, taskID) = try holdingOneTask(&h)
        _ = h.state.connectionClosed(victim, now: h.now)
        let fresh = PeerID(Frame("peer-CC01-restarted"))
        _ = h.ready(fresh, service: "backend", info: AgentInfo(name: "CC01", specialties: ["backend"], version: "test", host: "h"))
        var requeued: [BrokerAction] = []
        requeued += h.run(for: .seconds(4), alive: [fresh, rescuer])
        let assigned = requeued.assignments(to: fresh).map(\.taskID) + requeued.assignments(to: rescuer).map(\.taskID)
        #expect(assigned == [taskID])
        #expect(h.state.counters.tasksRequeued == 1)
        #expect(h.state.counters.workersConnectionLost == 0)
        #expect(h.state.registry[victim] == nil)
    }

    @Test("Closes of unknown peers, and a second close of one worker, change nothing")
    func unknownAndRepeatedCloses() throws {
        var h = StateHarness(.testing())
        #expect(h.state.connectionClosed(.client, now: h.now).isEmpty)
        let (peer, _) = h.agent("CC01", service: "backend")
        #expect(!h.state.connectionClosed(peer, now: h.now).isEmpty)
        h.now = h.now.advanced(by: .milliseconds(100))
        #expect(h.state.connectionClosed(peer, now: h.now).isEmpty)
        // The grace counts from the first close.
        _ = h.advance(.milliseconds(100))
        #expect(h.state.registry[peer] == nil)
        #expect(h.state.counters.workersConnectionLost == 1)
    }

    @Test("With a zero grace the work moves at once")
    func zeroGrace() throws {
        var configuration = BrokerConfiguration.testing()
        configuration.disconnectGrace = .zero
        var h = StateHarness(configuration)
        let (victim, rescuer, taskID) = try holdingOneTask(&h)
        #expect(h.state.connectionClosed(victim, now: h.now).assignments(to: rescuer).map(\.taskID) == [taskID])
    }

    @Test("A worker that stops heartbeating without closing its connection is still found by its silence")
    func silenceStillCounts() throws {
        var h = StateHarness(.testing())
        let (victim, rescuer, taskID) = try holdingOneTask(&h)
        let actions = h.run(for: .seconds(3), alive: [rescuer])
        #expect(actions.assignments(to: rescuer).map(\.taskID) == [taskID])
        #expect(h.state.registry[victim] == nil)
        #expect(h.state.counters.workersExpired == 1)
        #expect(h.state.counters.tasksRequeuedAfterDisconnect == 0)
    }
}
