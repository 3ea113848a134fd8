@testable import Broker
import Foundation
import Testing
import Wire

@Suite("BrokerState: an operator pauses, drains and resumes an agent")
struct StateAgentPauseTests {
    @Test("A paused agent gets no new task by specialty while the other agent does; resume gives it work again")
    func pausedAgentIsSkipped() throws {
        var h = StateHarness(.testing(balancing: .roundRobin))
        let (cc01, _) = h.agent("CC01", service: "backend")
        let (cc02, _) = h.agent("CC02", service: "backend")

        let paused = h.pause("cc01")
        #expect(paused.journalWrites.contains(.setAgentPause(agent: "cc01", OperatorPause(agent: "CC01", drain: false, since: h.now.wall))))
        let snapshot = try #require(paused.agentSnapshots.first)
        #expect(snapshot.name == "CC01" && snapshot.status?.pause == .paused && snapshot.status?.paused == true)
        #expect(h.status(of: "CC01")?.pause == .paused && h.status(of: "CC02")?.pause == .running)

        let first = h.submit(TaskSpec(title: "one", description: "d", target: "backend")).1
        #expect(first.assignments(to: cc01).isEmpty && first.assignments(to: cc02).count == 1)
        let second = h.submit(TaskSpec(title: "two", description: "d", target: "backend")).1
        #expect(second.assignments(to: cc01).isEmpty && second.assignments(to: cc02).isEmpty)
        let waiting = try #require(h.state.idOfTask(titled: "two"))
        #expect(h.state.tasks[waiting]?.record.state == .queued)

        let resumed = h.call(ClusterService.AgentResume.self, AgentReference(agent: "CC01"))
        #expect(resumed.journalWrites.contains(.setAgentPause(agent: "cc01", nil)))
        #expect(resumed.assignments(to: cc01).map(\.taskID) == [waiting])
        #expect(resumed.agentSnapshots.first?.status?.pause == .running)
        #expect(h.status(of: "CC01")?.paused == false)
    }

    @Test("A task addressed to a paused agent by name waits in the queue until the agent is resumed")
    func taskAddressedByNameWaits() throws {
        var h = StateHarness(.testing())
        let (cc01, _) = h.agent("CC01", service: "backend")
        _ = h.agent("CC02", service: "backend")
        _ = h.pause("CC01")

        let (record, submitted) = h.submit(TaskSpec(title: "for CC01", description: "d", target: "CC01"))
        let task = try #require(record)
        #expect(submitted.assignments(to: cc01).isEmpty)
        #expect(h.run(for: .seconds(30), alive: [cc01]).assignments(to: cc01).isEmpty)
        #expect(h.state.tasks[task.id]?.record.state == .queued)

        let resumed = h.call(ClusterService.AgentResume.self, AgentReference(agent: "cc01"))
        #expect(resumed.assignments(to: cc01).map(\.taskID) == [task.id])
    }

    @Test("A paused agent keeps its running task and its result is recorded; it then gets nothing new")
    func keepsRunningTasks() throws {
        var h = StateHarness(.testing())
        let (cc01, _) = h.agent("CC01", service: "backend")
        let task = try #require(h.submit(TaskSpec(title: "running", description: "d", target: "backend")).0)
        _ = h.progress(task.id, from: cc01)
        _ = h.submit(TaskSpec(title: "next", description: "d", target: "backend"))

        let paused = h.pause("CC01")
        #expect(paused.cancellations(to: cc01).isEmpty)
        #expect(paused.agentSnapshots.first?.running.map(\.id) == [task.id])
        #expect(h.status(of: "CC01")?.runningTasks == [task.id])

        let done = h.complete(task.id, from: cc01)
        #expect(done.upserts.map(\.state) == [.succeeded])
        #expect(done.assignments(to: cc01).isEmpty)
        #expect(h.state.tasks[try #require(h.state.idOfTask(titled: "next"))]?.record.state == .queued)
    }

    @Test("A drain is reported draining while the agent runs work, and paused once its last task ends")
    func drainBecomesPaused() throws {
        var h = StateHarness(.testing())
        let (cc01, _) = h.agent("CC01", service: "backend", capacity: 2)
        let first = try #require(h.submit(TaskSpec(title: "a", description: "d", target: "backend")).0)
        let second = try #require(h.submit(TaskSpec(title: "b", description: "d", target: "backend")).0)

        let draining = h.pause("CC01", drain: true)
        #expect(draining.agentSnapshots.first?.status?.pause == .draining)
        #expect(h.status(of: "CC01")?.pause == .draining && h.status(of: "CC01")?.paused == true)

        let one = h.complete(first.id, from: cc01)
        #expect(h.status(of: "CC01")?.pause == .draining)
        #expect(!one.logs.contains { $0.text.contains("is drained") })

        let last = h.complete(second.id, from: cc01)
        #expect(h.status(of: "CC01")?.pause == .paused)
        #expect(last.logs.filter { $0.text.contains("agent CC01 is drained") }.count == 1)
        #expect(h.submit(TaskSpec(title: "c", description: "d", target: "backend")).1.assignments(to: cc01).isEmpty)

        // A drain of an idle agent is paused at once.
        _ = h.agent("CC02", service: "frontend")
        #expect(h.pause("CC02", drain: true).agentSnapshots.first?.status?.pause == .paused)
    }

    @Test("A pause holds when the agent reconnects, and when it leaves and registers again")
    func reconnectKeepsThePause() throws {
        var h = StateHarness(.testing())
        let (cc01, _) = h.agent("CC01", service: "backend")
        _ = h.pause("CC01")

        // The same agent on a fresh connection (ROUTER identity changes).
        let fresh = PeerID(Frame("peer-CC01-again"))
        let info = AgentInfo(name: "CC01", specialties: ["backend"], capacity: 1, version: "test", host: "localhost")
        h.ready(fresh, service: "backend", info: info)
        #expect(h.status(of: "CC01")?.pause == .paused)
        let submitted = h.submit(TaskSpec(title: "t", description: "d", target: "backend")).1
        #expect(submitted.assignments(to: fresh).isEmpty && submitted.assignments(to: cc01).isEmpty)

        // It leaves (listed offline, still paused) and registers again.
        _ = h.receive(.worker(.disconnect(extensions: [])), from: fresh)
        let offline = try #require(h.status(of: "CC01"))
        #expect(offline.state == .offline && offline.pause == .paused)
        let back = h.ready(cc01, service: "backend", info: info)
        #expect(back.assignments(to: cc01).isEmpty)
        #expect(h.status(of: "CC01")?.pause == .paused)

        let resumed = h.call(ClusterService.AgentResume.self, AgentReference(agent: "CC01"))
        #expect(resumed.assignments(to: cc01).count == 1)
    }

    @Test("Pauses taken back from the journal at start apply to agents that register later")
    func restoredPauses() throws {
        var h = StateHarness(.testing())
        let restored = h.state.restoreAgentPauses(
            ["cc01": OperatorPause(agent: "CC01", drain: true, since: h.now.wall)])
        #expect(restored.logs.first?.text.contains("CC01") == true)
        _ = h.submit(TaskSpec(title: "t", description: "d", target: "backend"))
        let (cc01, registered) = h.agent("CC01", service: "backend")
        #expect(registered.assignments(to: cc01).isEmpty)
        #expect(h.status(of: "CC01")?.pause == .paused)
        // A restored pause can be lifted even before the broker has seen the agent.
        var other = StateHarness(.testing())
        _ = other.state.restoreAgentPauses(["cc09": OperatorPause(agent: "CC09", drain: false, since: other.now.wall)])
        let lifted = other.call(ClusterService.AgentResume.self, AgentReference(agent: "CC09"))
        #expect(lifted.journalWrites == [.setAgentPause(agent: "cc09", nil)])
    }

    @Test("Unknown agents are not_found; pausing twice writes once; the gauge counts pauses")
    func unknownAgentsAndMetrics() throws {
        var h = StateHarness(.testing())
        _ = h.agent("CC01", service: "backend")
        let unknown = h.call(ClusterService.AgentPause.self, AgentPauseRequest(agent: "CC99"))
        #expect(unknown.busErrors(to: .client).map(\.error.code) == [.notFound])
        #expect(unknown.journalWrites.isEmpty)
        let resumeUnknown = h.call(ClusterService.AgentResume.self, AgentReference(agent: "CC99"))
        #expect(resumeUnknown.busErrors(to: .client).map(\.error.code) == [.notFound])

        #expect(h.pause("CC01").journalWrites.count == 1)
        h.now = h.now.advanced(by: .seconds(5))
        let again = h.pause("CC01")
        #expect(again.journalWrites.isEmpty && again.agentSnapshots.count == 1)
        // Turning a pause into a drain is a change (and keeps the first pause's time).
        let drain = h.pause("CC01", drain: true)
        #expect(drain.journalWrites == [.setAgentPause(agent: "cc01", OperatorPause(agent: "CC01", drain: true, since: h.now.wall.addingTimeInterval(-5)))])
        #expect(h.state.counters.agentPauses == 1)
        #expect(h.state.metrics(now: h.now).prometheusText.contains("\ncluster_agents_paused 1\n"))

        // Resuming an agent that is not paused changes nothing and still answers.
        _ = h.agent("CC02", service: "backend")
        let idle = h.call(ClusterService.AgentResume.self, AgentReference(agent: "CC02"))
        #expect(idle.journalWrites.isEmpty && idle.agentSnapshots.first?.status?.pause == .running)
    }

    @Test("mmi.agent.get hands the journal a snapshot: live, or without a status for an agent the broker does not know")
    func agentGet() throws {
        var h = StateHarness(.testing())
        let (cc01, _) = h.agent("CC01", service: "backend")
        let task = try #require(h.submit(TaskSpec(title: "t", description: "d", target: "backend")).0)
        let live = try #require(h.call(ClusterService.AgentGet.self, AgentReference(agent: "cc01")).agentSnapshots.first)
        #expect(live.name == "CC01" && live.status?.runningTasks == [task.id] && live.running.map(\.id) == [task.id])
        _ = cc01
        let unknown = try #require(h.call(ClusterService.AgentGet.self, AgentReference(agent: "Gone")).agentSnapshots.first)
        #expect(unknown.name == "Gone" && unknown.status == nil && unknown.running.isEmpty)
    }
}

extension StateHarness {
    /// `mmi.agent.pause` of `name`.
    mutating func pause(_ name: String, drain: Bool = false) -> [BrokerAction] {
        call(ClusterService.AgentPause.self, AgentPauseRequest(agent: name, drain: drain))
    }
}

extension Array where Element == BrokerAction {
    /// The agent snapshots handed to the journal for an `AgentDetail` answer.
    var agentSnapshots: [AgentSnapshot] {
        queries.compactMap { if case .agent(let snapshot) = $0.request { snapshot } else { nil } }
    }
}
