@testable import Broker
import Foundation
import Testing
import Wire

@Suite("BrokerState: attempt costs, retries that continue, follow-ups")
struct StateFollowUpTests {
    private static func finish(
        _ h: inout StateHarness, _ taskID: String, attempt: Int = 1, from peer: PeerID, _ result: TaskResult
    ) -> [BrokerAction] {
        let completion = TaskCompletion(taskID: taskID, attempt: attempt, agent: peer.description, result: result)
        return h.receive(.worker(.final(envelope: [Frame("@task:\(taskID):\(attempt)")], body: [JSONWire.encode(completion)])),
                         from: peer)
    }

    private static func ran(_ outcome: TaskResult.Outcome, cost: Double, session: String, branch: String? = nil) -> TaskResult {
        TaskResult(
            outcome: outcome, summary: "ran", branch: branch, costUSD: cost, durationMs: 1200, turns: 3,
            sessionID: session, usage: TokenUsage(inputTokens: 100, outputTokens: 10), model: "claude-test")
    }

    private static func attempts(_ actions: [BrokerAction]) -> [AttemptRecord] {
        actions.journalWrites.compactMap { if case .recordAttempt(let attempt) = $0 { attempt } else { nil } }
    }

    @Test("Every attempt is booked: the task's totals, the agent's and the account's spending, the journal")
    func costsAddUp() throws {
        var h = StateHarness(.testing(maxAttempts: 3))
        let peer = PeerID(Frame("peer-CC01"))
        h.ready(peer, service: "backend", info: AgentInfo(
            name: "CC01", specialties: ["backend"], capacity: 1, version: "test", host: "localhost", account: "team"))
        let task = try #require(h.submit(TaskSpec(title: "t", description: "d")).0)

        let failed = Self.finish(&h, task.id, from: peer, Self.ran(.failed, cost: 0.25, session: "s1"))
        let first = try #require(Self.attempts(failed).first)
        #expect(first.attempt == 1 && first.agent == "CC01" && first.costUSD == 0.25 && first.sessionID == "s1")
        #expect(first.turns == 3 && first.durationMs == 1200 && first.model == "claude-test")
        #expect(failed.upserts.last?.totalCostUSD == 0.25)

        let retry = h.run(for: .seconds(2), step: .milliseconds(500), alive: [peer])
        #expect(retry.assignments(to: peer).map(\.attempt) == [2])
        let done = Self.finish(&h, task.id, attempt: 2, from: peer, Self.ran(.succeeded, cost: 0.5, session: "s2"))
        #expect(Self.attempts(done).map(\.attempt) == [2])
        let record = try #require(done.upserts.last)
        #expect(record.state == .succeeded)
        #expect(record.totalCostUSD == 0.75)
        #expect(record.totalUsage == TokenUsage(inputTokens: 200, outputTokens: 20))
        #expect(h.state.spending.costByAgent == ["CC01": 0.75])
        #expect(h.state.spending.costByAccount == ["team": 0.75])
        #expect(h.state.agentStatuses().first?.costUSD == 0.75)
        let text = h.state.metrics(now: h.now).prometheusText
        #expect(text.contains("cluster_broker_agent_cost_usd_total{agent=\"CC01\"} 0.75"))
        #expect(text.contains("cluster_broker_account_cost_usd_total{account=\"team\"} 0.75"))
    }

    @Test("A result without runner figures books nothing")
    func nothingToBook() throws {
        var h = StateHarness(.testing(maxAttempts: 1))
        let (peer, _) = h.agent("CC02", service: "backend")
        let task = try #require(h.submit(TaskSpec(title: "t", description: "d")).0)
        let done = h.complete(task.id, from: peer)
        #expect(Self.attempts(done).isEmpty)
        #expect(done.upserts.last?.totalCostUSD == nil)
    }

    @Test("A retry carries the failed attempt's agent, session and branch")
    func retryContinues() throws {
        var h = StateHarness(.testing(maxAttempts: 3))
        let (peer, _) = h.agent("CC01", service: "backend")
        let task = try #require(h.submit(TaskSpec(title: "t", description: "d")).0)
        _ = Self.finish(&h, task.id, from: peer, Self.ran(.failed, cost: 0.1, session: "s1", branch: "cc01/t1"))
        let retry = h.run(for: .seconds(2), step: .milliseconds(500), alive: [peer]).assignments(to: peer)
        let assignment = try #require(retry.first)
        #expect(assignment.attempt == 2)
        #expect(assignment.continuation == TaskContinuation(fromTask: task.id, agent: "CC01", branch: "cc01/t1", sessionID: "s1"))
    }

    @Test("A follow-up goes to the parent's agent with the parent's branch and session")
    func followUpPrefersTheParentsAgent() throws {
        var h = StateHarness(.testing())
        let (cc01, _) = h.agent("CC01", service: "backend")
        let (cc02, _) = h.agent("CC02", service: "backend")
        let parent = TaskRecord(
            id: "p1", spec: TaskSpec(title: "parent", description: "d"), state: .succeeded, attempts: 1, agent: "CC02",
            specialty: "backend", createdAt: h.now.wall,
            result: TaskResult(outcome: .succeeded, summary: "ok", branch: "cc02/p1", sessionID: "sp"))
        var follow = h.state.receive(
            .client(ClusterService.TaskSubmit.request(id: "f", payload: TaskSpec(title: "again", description: "d", parent: "p1"))),
            framing: .spec, from: .client, parentTask: parent, now: h.now)
        follow += h.run(for: .seconds(1), alive: [cc01, cc02])
        let sent = follow.assignments(to: cc02).filter { $0.spec.title == "again" }
        let assignment = try #require(sent.first)
        #expect(assignment.continuation == TaskContinuation(fromTask: "p1", agent: "CC02", branch: "cc02/p1", sessionID: "sp"))
        #expect(follow.assignments(to: cc01).allSatisfy { $0.spec.title != "again" })
    }

    @Test("Without its parent's agent a follow-up goes to the parent's specialty")
    func followUpFallsBackToTheSpecialty() throws {
        var h = StateHarness(.testing())
        let (cc03, _) = h.agent("CC03", service: "frontend")
        let parent = TaskRecord(
            id: "p1", spec: TaskSpec(title: "parent", description: "d"), state: .succeeded, attempts: 1, agent: "CC09",
            specialty: "frontend", createdAt: h.now.wall,
            result: TaskResult(outcome: .succeeded, summary: "ok", branch: "cc09/p1", sessionID: "sp"))
        let follow = h.state.receive(
            .client(ClusterService.TaskSubmit.request(id: "f", payload: TaskSpec(title: "api change", description: "d", parent: "p1"))),
            framing: .spec, from: .client, parentTask: parent, now: h.now)
        let assignment = try #require(follow.assignments(to: cc03).first)
        #expect(assignment.continuation?.branch == "cc09/p1")
        #expect(assignment.continuation?.agent == "CC09")
    }

    @Test("A follow-up waiting for its parent's agent goes to the specialty when that agent leaves")
    func followUpLeavesAGoneAgent() throws {
        var h = StateHarness(.testing())
        let (cc02, _) = h.agent("CC02", service: "backend")
        let busy = try #require(h.submit(TaskSpec(title: "busy", description: "d", target: "CC02")).0)
        let parent = TaskRecord(
            id: "p1", spec: TaskSpec(title: "parent", description: "d"), state: .succeeded, attempts: 1, agent: "CC02",
            specialty: "backend", createdAt: h.now.wall,
            result: TaskResult(outcome: .succeeded, summary: "ok", branch: "cc02/p1", sessionID: "sp"))
        let queued = h.state.receive(
            .client(ClusterService.TaskSubmit.request(id: "f", payload: TaskSpec(title: "again", description: "d", parent: "p1"))),
            framing: .spec, from: .client, parentTask: parent, now: h.now)
        #expect(queued.assignments(to: cc02).isEmpty, "CC02 is busy with \(busy.id)")

        let (cc01, _) = h.agent("CC01", service: "backend")
        #expect(h.state.tasks.tasks.values.first { $0.record.spec.title == "again" }?.record.state == .queued)
        let left = h.receive(.worker(.disconnect(extensions: [])), from: cc02)
        let moved = try #require(left.assignments(to: cc01).first { $0.spec.title == "again" })
        #expect(moved.continuation?.branch == "cc02/p1")
    }

    @Test("A restored retrying task is dispatched with the continuation the journal gave")
    func restoredTaskContinues() throws {
        var h = StateHarness(.testing())
        let (peer, _) = h.agent("CC01", service: "general")
        let record = TaskRecord(
            id: "r1", spec: TaskSpec(title: "t", description: "d"), state: .retrying, attempts: 1, agent: "CC01",
            specialty: "general", createdAt: h.now.wall, notBefore: h.now.wall)
        let continuation = TaskContinuation(fromTask: "r1", agent: "CC01", branch: "cc01/r1", sessionID: "s1")
        let actions = h.state.restore([record], continuations: ["r1": continuation], now: h.now)
        #expect(actions.assignments(to: peer).first?.continuation == continuation)
    }

    @Test("The shell is asked for the parent only of follow-up submissions")
    func parentTaskID() {
        let plain = MDPMessage.client(ClusterService.TaskSubmit.request(id: "a", payload: TaskSpec(title: "t", description: "d")))
        let follow = MDPMessage.client(
            ClusterService.TaskSubmit.request(id: "b", payload: TaskSpec(title: "t", description: "d", parent: " p7 ")))
        #expect(BrokerState.parentTaskID(of: plain) == nil)
        #expect(BrokerState.parentTaskID(of: follow) == "p7")
        #expect(BrokerLoop.mayNameParent(follow))
    }
}
