@testable import Broker
import Foundation
import Testing
import Wire

@Suite("BrokerState: durable tasks")
struct StateTaskTests {
    @Test("A task goes queued, assigned, running, succeeded; progress and result are journaled once")
    func lifecycle() throws {
        var h = StateHarness(.testing())
        let (record, submitted) = h.submit(TaskSpec(title: "Fix the API", description: "d"))
        let task = try #require(record)
        #expect(task.state == .queued && task.id == "t1" && task.specialty == "backend")
        #expect(submitted.upserts.map(\.state) == [.queued])
        #expect(submitted.stateChanges.map(\.state) == [.queued])

        let (peer, registered) = h.agent("CC02", service: "backend")
        let assignment = try #require(registered.assignments(to: peer).first)
        #expect(assignment.taskID == task.id && assignment.attempt == 1 && assignment.timeoutSeconds == 60)
        #expect(registered.workerRequests(to: peer).first?.envelope == [Frame("@task:t1:1")])
        #expect(registered.upserts.map(\.state) == [.assigned])
        #expect(registered.upserts.first?.agent == "CC02")

        let first = h.progress(task.id, from: peer, sequence: 1)
        #expect(first.stateChanges.map(\.state) == [.running])
        #expect(first.journalWrites.contains { if case .appendProgress(let p) = $0 { p.sequence == 1 } else { false } })
        #expect(first.published.contains { $0.topic == Topic.task(task.id) })
        let second = h.progress(task.id, from: peer, sequence: 2)
        #expect(second.stateChanges.isEmpty && second.journalWrites.count == 1)

        let done = h.complete(task.id, from: peer, summary: "opened PR")
        #expect(done.results.map(\.result.summary) == ["opened PR"])
        #expect(done.upserts.map(\.state) == [.succeeded])
        #expect(done.upserts.first?.result?.summary == "opened PR")
        #expect(h.state.counters.tasksSucceeded == 1)

        let again = h.complete(task.id, from: peer, summary: "duplicate")
        #expect(again.results.isEmpty && again.upserts.isEmpty)
        #expect(h.state.counters.duplicateResults == 1)
    }

    @Test("Queued tasks go out by priority, then oldest first")
    func priorityOrder() throws {
        var h = StateHarness(.testing())
        for (title, priority) in [("low", TaskPriority.low), ("normal", .normal), ("urgent", .urgent), ("normal2", .normal)] {
            _ = h.submit(TaskSpec(title: title, description: title, priority: priority, target: "backend"))
        }
        let (peer, registered) = h.agent("CC02", service: "backend")
        var order = registered.assignments(to: peer).map(\.spec.title)
        for _ in 0..<3 {
            let last = try #require(order.last)
            let id = try #require(h.state.idOfTask(titled: last))
            order += h.complete(id, from: peer).assignments(to: peer).map(\.spec.title)
        }
        #expect(order == ["urgent", "normal", "normal2", "low"])
    }

    @Test("Failed attempts retry with exponential backoff, then the task is dead-lettered")
    func retriesThenDeadLetter() throws {
        var h = StateHarness(.testing(maxAttempts: 3))
        let (peer, _) = h.agent("CC02", service: "backend")
        let task = try #require(h.submit(TaskSpec(title: "t", description: "d")).0)

        var failed = h.complete(task.id, attempt: 1, from: peer, outcome: .failed, summary: "tests fail")
        let retrying = try #require(failed.upserts.last)
        #expect(retrying.state == .retrying && retrying.error == "tests fail")
        #expect(retrying.notBefore == h.now.wall.addingTimeInterval(2))
        #expect(failed.results.isEmpty)
        #expect(h.run(for: .milliseconds(1900), step: .milliseconds(100), alive: [peer]).assignments(to: peer).isEmpty)
        var next = h.run(for: .milliseconds(100), step: .milliseconds(100), alive: [peer])
        #expect(next.assignments(to: peer).map(\.attempt) == [2])

        failed = h.complete(task.id, attempt: 2, from: peer, outcome: .failed, summary: "still failing")
        #expect(failed.upserts.last?.notBefore == h.now.wall.addingTimeInterval(4))
        next = h.run(for: .seconds(4), step: .milliseconds(500), alive: [peer])
        #expect(next.assignments(to: peer).map(\.attempt) == [3])

        let last = h.complete(task.id, attempt: 3, from: peer, outcome: .failed, summary: "gave up")
        #expect(last.upserts.last?.state == .deadLettered)
        #expect(last.upserts.last?.error == "gave up")
        #expect(last.results.map(\.attempt) == [3])
        #expect(h.state.counters.tasksRetried == 2 && h.state.counters.tasksExhausted == 1)
    }

    @Test("Backoff jitter draws from the upper half of the delay")
    func jitter() throws {
        var h = StateHarness(.testing(), jitter: { $0.lowerBound })
        let (peer, _) = h.agent("CC02", service: "backend")
        let task = try #require(h.submit(TaskSpec(title: "t", description: "d")).0)
        let failed = h.complete(task.id, from: peer, outcome: .failed)
        #expect(failed.upserts.last?.notBefore == h.now.wall.addingTimeInterval(1))
    }

    @Test("With one attempt allowed a failure is final: failed, or timed_out")
    func singleAttempt() throws {
        var h = StateHarness(.testing(maxAttempts: 1))
        let (peer, _) = h.agent("CC02", service: "backend")
        let task = try #require(h.submit(TaskSpec(title: "t", description: "d")).0)
        #expect(h.complete(task.id, from: peer, outcome: .failed).upserts.last?.state == .failed)
        let slow = try #require(h.submit(TaskSpec(title: "t", description: "d", timeoutSeconds: 1)).0)
        #expect(h.run(for: .seconds(6), alive: [peer]).upserts.last { $0.id == slow.id }?.state == .timedOut)
    }

    @Test("A task lost with its agent is requeued at once without using up an attempt")
    func lostAgent() throws {
        var h = StateHarness(.testing())
        let (a, _) = h.agent("A", service: "backend")
        let task = try #require(h.submit(TaskSpec(title: "t", description: "d")).0)
        let (b, _) = h.agent("B", service: "backend", capacity: 1)
        _ = h.run(for: .seconds(2), alive: [b])
        let death = h.run(for: .seconds(1), alive: [b])
        #expect(death.alerts.map(\.kind) == [.agentDown])
        #expect(death.assignments(to: b).map(\.attempt) == [1])
        #expect(death.upserts.map(\.state) == [.queued, .assigned])
        #expect(death.upserts.last?.attempts == 1)
        _ = a
        #expect(h.complete(task.id, from: b).upserts.last?.state == .succeeded)
        #expect(h.state.counters.tasksRequeued == 1)
    }

    @Test("A task that keeps losing its agents is dead-lettered after the delivery cap")
    func deliveryCap() throws {
        var h = StateHarness(.testing(maxDeliveries: 2))
        let task = try #require(h.submit(TaskSpec(title: "t", description: "d")).0)
        var last: [BrokerAction] = []
        for round in 0..<2 {
            let (peer, registered) = h.agent("A\(round)", service: "backend")
            #expect(registered.assignments(to: peer).count == 1)
            last = h.receive(.worker(.disconnect(extensions: [])), from: peer)
        }
        #expect(last.upserts.last?.state == .deadLettered)
        #expect(last.upserts.last?.id == task.id)
        #expect(last.upserts.last?.error?.contains("delivered 2 times") == true)
    }

    @Test("A task past its time limit and grace is timed out: alert, cancel to the agent, retry")
    func timeout() throws {
        var h = StateHarness(.testing())
        let (peer, _) = h.agent("CC02", service: "backend")
        let task = try #require(h.submit(TaskSpec(title: "t", description: "d", timeoutSeconds: 10)).0)
        #expect(h.run(for: .seconds(14), alive: [peer]).alerts.isEmpty)
        let actions = h.run(for: .seconds(1), alive: [peer])
        #expect(actions.alerts.map(\.kind) == [.taskTimeout])
        #expect(actions.cancellations(to: peer).map(\.taskID) == [task.id])
        #expect(actions.upserts.last?.state == .retrying)
        #expect(h.state.counters.attemptsTimedOut == 1)
        // The slot stays reserved for the agent's FINAL, which frees it without deciding.
        let late = h.complete(task.id, from: peer, outcome: .cancelled)
        #expect(late.upserts.isEmpty)
    }

    @Test("The first success of any attempt decides; later answers only free their slot")
    func exactlyOnce() throws {
        var h = StateHarness(.testing())
        let (a, _) = h.agent("A", service: "backend")
        let task = try #require(h.submit(TaskSpec(title: "t", description: "d", timeoutSeconds: 10)).0)
        _ = h.run(for: .seconds(15), alive: [a])
        let (b, registered) = h.agent("B", service: "backend")
        #expect(registered.assignments(to: b).isEmpty)
        let retry = h.run(for: .seconds(2), alive: [a, b])
        let onAgent = retry.assignments(to: a) + retry.assignments(to: b)
        #expect(onAgent.map(\.attempt) == [2])
        let second = retry.assignments(to: b).isEmpty ? a : b
        let first = second == a ? b : a

        let late = h.complete(task.id, attempt: 1, from: a, summary: "attempt 1 made it")
        #expect(late.upserts.last?.state == .succeeded)
        #expect(late.results.map(\.attempt) == [1])
        #expect(late.cancellations(to: second).map(\.attempt) == [2])
        _ = first

        let other = h.complete(task.id, attempt: 2, from: second, summary: "attempt 2 too")
        #expect(other.results.isEmpty && other.upserts.isEmpty)
        let (next, nextActions) = h.submit(TaskSpec(title: "next", description: "d", target: second == a ? "A" : "B"))
        #expect(nextActions.assignments(to: second).map(\.taskID) == [next?.id])
    }

    @Test("A plain MDP worker can run a task: its text FINAL is a successful summary")
    func plainWorkerTask() throws {
        var h = StateHarness(.testing())
        h.ready(.workerA, service: "backend")
        let (record, submitted) = h.submit(TaskSpec(title: "t", description: "d"))
        let task = try #require(record)
        let request = try #require(submitted.workerRequests(to: .workerA).first)
        #expect(request.envelope == [Frame("@task:\(task.id):1")])
        let text = h.receive(.worker(.partial(envelope: request.envelope, body: [Frame("step 1")])), from: .workerA)
        #expect(text.stateChanges.map(\.state) == [.running])
        let done = h.receive(.worker(.final(envelope: request.envelope, body: [Frame("all good")])), from: .workerA)
        #expect(done.upserts.last?.state == .succeeded)
        #expect(done.upserts.last?.result?.summary == "all good")
    }

    @Test("Submit is idempotent by key: in memory, and through the journal's record")
    func idempotentSubmit() throws {
        var h = StateHarness(.testing())
        let spec = TaskSpec(title: "t", description: "d", idempotencyKey: "gh-42")
        let first = try #require(h.submit(spec).0)
        let (again, actions) = h.submit(spec)
        #expect(again?.id == first.id)
        #expect(actions.upserts.isEmpty)
        let stored = TaskRecord(id: "old", spec: TaskSpec(title: "t", description: "d", idempotencyKey: "gh-7"),
                                state: .succeeded, createdAt: h.now.wall)
        let (fromJournal, journalActions) = h.submit(TaskSpec(title: "t", description: "d", idempotencyKey: "gh-7"),
                                                     existingTask: stored)
        #expect(fromJournal == stored)
        #expect(journalActions.upserts.isEmpty)
        #expect(h.state.counters.tasksSubmitted == 1 && h.state.counters.tasksDeduplicated == 2)
        let message = MDPMessage.client(ClusterService.TaskSubmit.request(id: "x", payload: spec))
        #expect(BrokerState.idempotencyKey(of: message) == "gh-42")
    }

    @Test("A task FINAL from an unregistered worker is recorded, and the worker told to reconnect")
    func finalFromUnknownWorker() throws {
        var h = StateHarness(.testing())
        let task = try #require(h.submit(TaskSpec(title: "t", description: "d")).0)
        let (peer, _) = h.agent("CC02", service: "backend")
        let stranger = PeerID(Frame("unregistered"))
        let done = h.complete(task.id, from: stranger)
        #expect(done.upserts.last?.state == .succeeded)
        #expect(done.disconnected(stranger))
        // The registered agent's slot is released when its own FINAL arrives, or after the grace.
        #expect(done.cancellations(to: peer).map(\.taskID) == [task.id])
    }
}
