@testable import Broker
import Foundation
import Testing
import Wire

@Suite("BrokerState: workers and heartbeats")
struct StateWorkerTests {
    @Test("READY registers a plain worker and an agent; mmi.service and mmi.agents see them")
    func registration() throws {
        var h = StateHarness(.testing())
        #expect(h.ready(.workerA, service: "echo").isEmpty == false)
        let (_, _) = h.agent("CC01", service: "frontend", capacity: 2)

        let lookup = h.receive(.client(MMI.serviceLookupRequest(for: "echo")), from: .client)
        #expect(lookup.finals(to: .client).first?.body == MMI.Status.found.body)
        let frontend = h.receive(.client(MMI.serviceLookupRequest(for: "frontend")), from: .client)
        #expect(frontend.finals(to: .client).first?.body == MMI.Status.found.body)

        let agents = try #require(try h.call(ClusterService.Agents.self, EmptyPayload())
            .busReplies(ClusterService.Agents.self, to: .client).first?.get())
        // A plain worker is named by its identity in hex; the list is sorted by name.
        #expect(agents.map(\.name) == [PeerID.workerA.identity.bytes.map { String(format: "%02x", $0) }.joined(), "CC01"])
        #expect(agents[1].capacity == 2 && agents[1].isClusterAgent && agents[1].state == .healthy)
        #expect(agents[0].capacity == 1 && !agents[0].isClusterAgent)
        #expect(h.state.counters.workersRegistered == 2)
    }

    @Test("READY from a registered worker gets DISCONNECT and removes it")
    func readyTwice() {
        var h = StateHarness(.testing())
        h.ready(.workerA, service: "echo")
        let actions = h.ready(.workerA, service: "echo")
        #expect(actions.disconnected(.workerA))
        let lookup = h.receive(.client(MMI.serviceLookupRequest(for: "echo")), from: .client)
        #expect(lookup.finals(to: .client).first?.body == MMI.Status.notFound.body)
    }

    @Test("Commands from an unknown worker get DISCONNECT; its DISCONNECT gets nothing")
    func unknownWorker() {
        var h = StateHarness(.testing())
        #expect(h.receive(.worker(.heartbeat(extensions: [])), from: .workerA).disconnected(.workerA))
        #expect(h.receive(.worker(.final(envelope: [Frame("x")], body: [Frame("y")])), framing: .delimited, from: .workerA)
            .sent(to: .workerA).first?.framing == .delimited)
        #expect(h.receive(.worker(.disconnect(extensions: [])), from: .workerA).isEmpty)
    }

    @Test("A worker may not register an mmi. service")
    func internalServiceRefused() {
        var h = StateHarness(.testing())
        #expect(h.ready(.workerA, service: "mmi.task.submit").disconnected(.workerA))
        #expect(h.state.counters.invalidMessages == 1)
    }

    @Test("Every interval the broker sends HEARTBEAT to each worker in its framing and publishes its own")
    func heartbeatSending() throws {
        var h = StateHarness(.testing())
        h.ready(.workerB, service: "echo", framing: .delimited)
        let (agent, _) = h.agent("CC01", service: "backend")
        h.ready(.workerA, service: "echo", framing: .spec)
        #expect(h.state.nextDeadline(after: h.now).uptime == .seconds(1))
        #expect(h.advance(.milliseconds(500)).isEmpty)
        let actions = h.advance(.milliseconds(500))
        #expect(actions.sent(to: .workerA).map(\.framing) == [.spec])
        #expect(actions.sent(to: .workerB).map(\.framing) == [.delimited])
        #expect(actions.messages(to: .workerA) == [.worker(.heartbeat(extensions: []))])
        #expect(actions.messages(to: .workerB) == [.worker(.heartbeat(extensions: []))])
        #expect(actions.messages(to: agent) == [.worker(.heartbeat(extensions: []))])
        // In the order the workers registered, every time.
        let order = actions.compactMap { action -> PeerID? in
            if case .send(let peer, _) = action { return peer }
            return nil
        }
        #expect(order == [.workerB, agent, .workerA])
        let beat = try #require(actions.events.first)
        guard case .brokerHeartbeat(let heartbeat) = beat.payload else { Issue.record("not a heartbeat"); return }
        #expect(heartbeat.queuedTasks == 0)
        #expect(heartbeat.agents == 1)  // cluster agents only, not plain MDP workers
        #expect(actions.published.first?.topic == Topic.heartbeat)
        #expect(h.state.nextDeadline(after: h.now).uptime == .seconds(2))
    }

    @Test("A worker silent for liveness × interval is removed with an alert; one that heartbeats stays")
    func expiry() {
        var h = StateHarness(.testing())
        h.ready(.workerA, service: "echo")
        h.ready(.workerB, service: "echo")
        var actions = h.run(for: .seconds(2), alive: [.workerB])
        #expect(actions.alerts.isEmpty)
        actions = h.run(for: .seconds(1), alive: [.workerB])
        #expect(actions.alerts.map(\.kind) == [.agentDown])
        #expect(actions.alerts.first?.text.contains("is down") == true)
        #expect(h.state.counters.workersExpired == 1)
        actions = h.run(for: .seconds(10), alive: [.workerB])
        #expect(actions.alerts.isEmpty)
        let lookup = h.receive(.client(MMI.serviceLookupRequest(for: "echo")), from: .client)
        #expect(lookup.finals(to: .client).first?.body == MMI.Status.found.body)
    }

    @Test("A dead worker's request goes to another worker of the service at once")
    func requeueOnDeath() {
        var h = StateHarness(.testing(balancing: .roundRobin))
        h.ready(.workerA, service: "echo")
        h.ready(.workerB, service: "echo")
        let first = h.receive(.client(.request(service: "echo", body: [Frame("one")])), from: .client)
        #expect(first.workerRequests(to: .workerA).map(\.body) == [[Frame("one")]])
        // B is busy with a second request, so A's request can only go back to the queue...
        let second = h.receive(.client(.request(service: "echo", body: [Frame("two")])), from: .otherClient)
        #expect(second.workerRequests(to: .workerB).map(\.body) == [[Frame("two")]])
        _ = h.run(for: .seconds(2), alive: [.workerB])
        // ...and B frees up just before A is declared dead.
        _ = h.receive(.worker(.final(envelope: [PeerID.otherClient.identity], body: [Frame("2")])), from: .workerB)
        let death = h.run(for: .seconds(1), alive: [.workerB])
        #expect(death.alerts.map(\.kind) == [.agentDown])
        #expect(death.workerRequests(to: .workerB).map(\.body) == [[Frame("one")]])
        #expect(death.workerRequests(to: .workerB).first?.envelope == [PeerID.client.identity])
    }

    @Test("DISCONNECT from a worker removes it and requeues its work")
    func disconnect() {
        var h = StateHarness(.testing())
        h.ready(.workerA, service: "echo")
        _ = h.receive(.client(.request(service: "echo", body: [Frame("one")])), from: .client)
        let gone = h.receive(.worker(.disconnect(extensions: [])), from: .workerA)
        #expect(gone.alerts.isEmpty)
        #expect(h.state.counters.workersDisconnected == 1)
        let back = h.ready(.workerB, service: "echo")
        #expect(back.workerRequests(to: .workerB).map(\.body) == [[Frame("one")]])
    }

    @Test("A worker holding a plain request past the busy timeout is treated as dead")
    func busyTimeout() {
        var h = StateHarness(.testing())
        h.ready(.workerA, service: "echo")
        let request = BusRequest(id: "r1", payload: EmptyPayload())
        _ = h.receive(.client(.request(service: "echo", body: [JSONWire.encode(request)])), from: .client)
        let actions = h.run(for: .seconds(20), alive: [.workerA])
        #expect(actions.disconnected(.workerA))
        #expect(actions.alerts.map(\.kind) == [.agentDown])
        #expect(actions.busErrors(to: .client).map(\.id) == ["r1"])
        #expect(actions.busErrors(to: .client).first?.error.code == .unavailable)
    }

    @Test("A busy timeout shorter than the liveness is still kept to")
    func shortBusyTimeout() {
        var h = StateHarness(BrokerConfiguration(busyWorkerTimeout: .milliseconds(1500)))
        h.ready(.workerA, service: "echo")
        _ = h.receive(.client(.request(service: "echo", body: [Frame("x")])), from: .client)
        #expect(h.state.nextDeadline(after: h.now).uptime == .seconds(1))
        #expect(!h.run(for: .seconds(1), step: .milliseconds(500), alive: [.workerA]).disconnected(.workerA))
        #expect(h.run(for: .milliseconds(500), step: .milliseconds(500), alive: [.workerA]).disconnected(.workerA))
    }

    @Test("An agent registering again from a new connection takes over its work")
    func nameTakeover() throws {
        var h = StateHarness(.testing())
        let (old, _) = h.agent("CC01", service: "backend")
        let (record, submitted) = h.submit(TaskSpec(title: "api", description: "d", target: "CC01"))
        let task = try #require(record)
        #expect(submitted.assignments(to: old).map(\.taskID) == [task.id])
        let fresh = PeerID(Frame("peer-CC01-again"))
        let info = AgentInfo(name: "cc01", specialties: ["backend"], version: "test", host: "h")
        let again = h.ready(fresh, service: "backend", info: info)
        #expect(again.assignments(to: fresh).isEmpty)
        let done = h.complete(task.id, from: fresh)
        #expect(done.stateChanges.map(\.state) == [.succeeded])
        #expect(!done.disconnected(fresh))
    }

    @Test("An agent over its resource limit raises one alert per crossing")
    func resourceAlert() {
        var h = StateHarness(.testing())
        let (peer, _) = h.agent("CC01", service: "backend")
        let over = AgentLoad(cpuPercent: 350, rssBytes: 1 << 30, overCPULimit: true)
        let first = h.receive(.worker(.heartbeat(extensions: [JSONWire.encode(over)])), from: peer)
        #expect(first.alerts.map(\.kind) == [.resourceLimit])
        #expect(first.alerts.first?.agent == "CC01")
        #expect(h.receive(.worker(.heartbeat(extensions: [JSONWire.encode(over)])), from: peer).alerts.isEmpty)
        _ = h.receive(.worker(.heartbeat(extensions: [JSONWire.encode(AgentLoad())])), from: peer)
        #expect(h.receive(.worker(.heartbeat(extensions: [JSONWire.encode(over)])), from: peer).alerts.count == 1)
    }
}
