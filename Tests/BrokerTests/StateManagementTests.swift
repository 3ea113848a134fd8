@testable import Broker
import Foundation
import Testing
import Wire

@Suite("BrokerState: management services and events")
struct StateManagementTests {
    @Test("Broadcast publishes on each target topic and counts the matching agents")
    func broadcastFanOut() throws {
        var h = StateHarness(.testing())
        h.agent("CC01", service: "frontend")
        h.agent("CC02", service: "backend")
        h.ready(.workerA, service: "backend")
        let all = h.call(ClusterService.BroadcastMessage.self, Broadcast(message: "hi", from: "cli", sentAt: h.now.wall))
        #expect(all.published.map(\.topic) == [Topic.broadcastAll])
        #expect(try all.busReplies(ClusterService.BroadcastMessage.self, to: .client).first?.get().recipients == 2)

        let specialties = h.call(ClusterService.BroadcastMessage.self,
                                 Broadcast(message: "hi", from: "cli", target: .specialties(["Backend", "docs"]), sentAt: h.now.wall))
        #expect(specialties.published.map(\.topic) == [Topic.specialty("backend"), Topic.specialty("docs")])
        #expect(try specialties.busReplies(ClusterService.BroadcastMessage.self, to: .client).first?.get().recipients == 1)

        let agents = h.call(ClusterService.BroadcastMessage.self,
                            Broadcast(message: "hi", from: "cli", target: .agents(["cc01", "CC02"]), sentAt: h.now.wall))
        #expect(agents.published.map(\.topic) == [Topic.agent("CC01"), Topic.agent("CC02")])
        let body = try JSONWire.decode(Broadcast.self, from: try #require(agents.published.first).body)
        #expect(body.message == "hi")
        #expect(h.state.counters.broadcasts == 3)
    }

    @Test("mmi.agents lists healthy, busy and recently departed agents")
    func agentsStatus() throws {
        var h = StateHarness(.testing())
        let (busy, _) = h.agent("CC01", service: "backend")
        let (idle, _) = h.agent("CC02", service: "frontend")
        let (gone, _) = h.agent("CC03", service: "infra")
        _ = h.submit(TaskSpec(title: "t", description: "d", target: "CC01"))
        _ = h.receive(.worker(.disconnect(extensions: [])), from: gone)
        let statuses = try #require(try h.call(ClusterService.Agents.self, EmptyPayload())
            .busReplies(ClusterService.Agents.self, to: .client).first?.get())
        #expect(statuses.map(\.name) == ["CC01", "CC02", "CC03"])
        #expect(statuses.map(\.state) == [.busy, .healthy, .offline])
        #expect(statuses[0].runningTasks == ["t1"])
        _ = (busy, idle)
        // Departed agents are forgotten after the retention.
        let retention = BrokerConfiguration().offlineAgentRetention
        _ = h.run(for: retention, step: .seconds(60), alive: [busy, idle])
        let later = try #require(try h.call(ClusterService.Agents.self, EmptyPayload())
            .busReplies(ClusterService.Agents.self, to: .client).first?.get())
        #expect(later.map(\.name) == ["CC01", "CC02"])
    }

    @Test("mmi.info reports counts; bodies that do not decode get bad_request with their id")
    func infoAndBadRequests() throws {
        var h = StateHarness(.testing())
        h.agent("CC01", service: "backend")
        h.ready(.workerA, service: "echo")
        _ = h.submit(TaskSpec(title: "t", description: "d", target: "nobody"))
        let info = try #require(try h.call(ClusterService.Info.self, EmptyPayload())
            .busReplies(ClusterService.Info.self, to: .client).first?.get())
        #expect(info.agents == 1 && info.plainWorkers == 1)
        #expect(info.tasksByState == ["queued": 1])

        let bad = h.receive(.client(.request(service: ClusterService.taskSubmit,
                                             body: [Frame(#"{"v":1,"id":"x9","payload":{"nope":1}}"#)])), from: .client)
        #expect(bad.busErrors(to: .client).map(\.id) == ["x9"])
        #expect(bad.busErrors(to: .client).first?.error.code == .badRequest)
        let garbage = h.receive(.client(.request(service: ClusterService.taskCancel, body: [Frame("{{")])), from: .client)
        #expect(garbage.busErrors(to: .client).map(\.id) == [""])
        let newer = h.receive(.client(.request(service: ClusterService.agents, body: [Frame(#"{"v":9,"id":"z"}"#)])), from: .client)
        #expect(newer.busErrors(to: .client).first?.error.code == .unsupportedVersion)
        #expect(h.state.counters.badRequests == 3)
    }

    @Test("get, list, log and metrics go to the shell as queries; their replies reach the client")
    func journalQueries() throws {
        var h = StateHarness(.testing())
        let get = h.call(ClusterService.TaskGet.self, TaskReference(taskID: "t9"), from: .client)
        let query = try #require(get.queries.first)
        #expect(query.request == .task(TaskReference(taskID: "t9")))
        #expect(query.replyTo.service == ClusterService.taskGet)
        let record = TaskRecord(id: "t9", spec: TaskSpec(title: "t", description: "d"), createdAt: h.now.wall)
        let answer = query.reply(Result<TaskDetail, BusError>.success(TaskDetail(task: record)))
        let reply = try #require([answer].busReplies(ClusterService.TaskGet.self, to: .client).first)
        #expect(reply.id == query.replyTo.correlationID)
        #expect(try reply.get().task == record)

        let list = h.call(ClusterService.TaskList.self, TaskListQuery(states: [.queued], limit: 5))
        #expect(list.queries.first?.request == .list(TaskListQuery(states: [.queued], limit: 5)))
        #expect(h.call(ClusterService.TaskLogs.self, TaskReference(taskID: "t9")).queries.first?.request == .log(TaskReference(taskID: "t9")))
        let metrics = try #require(h.call(ClusterService.Metrics.self, EmptyPayload()).queries.first)
        guard case .metrics(let snapshot) = metrics.request else { Issue.record("not metrics"); return }
        #expect(snapshot.prometheusText.contains("cluster_broker_management_requests_total 4"))
    }

    @Test("Cancel works in every state")
    func cancelInEachState() throws {
        var h = StateHarness(.testing())
        func cancel(_ id: String) -> [BrokerAction] { h.call(ClusterService.TaskCancel.self, TaskReference(taskID: id)) }

        let queued = try #require(h.submit(TaskSpec(title: "q", description: "d", target: "later")).0)
        var actions = cancel(queued.id)
        #expect(try actions.busReplies(ClusterService.TaskCancel.self, to: .client).first?.get().state == .cancelled)
        #expect(actions.results.map(\.result.outcome) == [.cancelled])
        #expect(h.agent("later", service: "backend").1.assignments(to: PeerID(Frame("peer-later"))).isEmpty)

        let (agent, _) = h.agent("CC02", service: "backend")
        let assigned = try #require(h.submit(TaskSpec(title: "a", description: "d", target: "CC02")).0)
        actions = cancel(assigned.id)
        #expect(actions.cancellations(to: agent).map(\.taskID) == [assigned.id])
        #expect(actions.upserts.last?.state == .cancelled)
        // Its slot stays reserved until the agent's FINAL, which is then ignored.
        let waiting = try #require(h.submit(TaskSpec(title: "w", description: "d", target: "CC02")).0)
        #expect(h.state.idOfTask(titled: "w") == waiting.id)
        let late = h.complete(assigned.id, from: agent, outcome: .cancelled)
        #expect(late.upserts.map(\.state) == [.assigned])
        #expect(late.assignments(to: agent).map(\.taskID) == [waiting.id])

        _ = h.progress(waiting.id, from: agent)
        actions = cancel(waiting.id)
        #expect(actions.upserts.last?.state == .cancelled)
        #expect(actions.upserts.last?.result?.summary.contains("running") == true)

        let failing = try #require(h.submit(TaskSpec(title: "f", description: "d", target: "CC02")).0)
        _ = h.run(for: .seconds(6), alive: [agent])
        _ = h.complete(failing.id, from: agent, outcome: .failed)
        actions = cancel(failing.id)
        #expect(actions.upserts.last?.state == .cancelled)
        #expect(actions.cancellations(to: agent).isEmpty)

        h.ready(.workerA, service: "plain")
        let onPlain = try #require(h.submit(TaskSpec(title: "p", description: "d", target: "plain")).0)
        actions = cancel(onPlain.id)
        #expect(actions.upserts.last?.state == .cancelled)
        #expect(actions.messages(to: .workerA).isEmpty)

        actions = cancel(queued.id)
        let query = try #require(actions.queries.first)
        #expect(query.request == .cancelFinished(TaskReference(taskID: queued.id)))
        var finished = queued
        finished.state = .succeeded
        let conflict = [query.replyToCancel(of: finished)].busErrors(to: .client)
        #expect(conflict.first?.error.code == .conflict)
        #expect(conflict.first?.error.message.contains("succeeded") == true)
        #expect([query.replyToCancel(of: nil)].busErrors(to: .client).first?.error.code == .notFound)
    }

    @Test("Too many failed attempts in the window raise one error-rate alert")
    func errorRateAlert() throws {
        var h = StateHarness(BrokerConfiguration(
            retry: RetryPolicy(maxAttempts: 1),
            errorRateAlert: ErrorRateAlertPolicy(threshold: 0.5, window: .seconds(60), minimumOutcomes: 3)))
        let (peer, _) = h.agent("CC02", service: "backend", capacity: 10)
        var alerts: [Alert] = []
        for (index, outcome) in [TaskResult.Outcome.succeeded, .failed, .failed, .failed, .failed].enumerated() {
            let task = try #require(h.submit(TaskSpec(title: "t\(index)", description: "d")).0)
            alerts += h.complete(task.id, from: peer, outcome: outcome).alerts
        }
        #expect(alerts.map(\.kind) == [.errorRate])
        #expect(alerts.first?.text.contains("2 of the last 3") == true)
    }
}
