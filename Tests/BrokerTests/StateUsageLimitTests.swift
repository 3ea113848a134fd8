@testable import Broker
import Foundation
import Testing
import Wire

@Suite("BrokerState: usage limits pause an account")
struct StateUsageLimitTests {
    @Test("A usage-limited attempt goes back to the front of its queue, not counted; the account's agents get nothing")
    func pausesTheAccount() throws {
        var h = StateHarness(.testing())
        let (cc01, _) = h.agent("CC01", service: "backend", account: "team")
        let (first, _) = h.submit(TaskSpec(title: "first", description: "d", target: "backend"))
        let (_, _) = h.submit(TaskSpec(title: "second", description: "d", target: "backend"))
        let task = try #require(first)

        let limited = h.usageLimited(task.id, from: cc01, resetsIn: .seconds(600))
        #expect(limited.upserts.map(\.state) == [.queued])
        #expect(limited.upserts.first?.attempts == 0)
        #expect(limited.results.isEmpty)
        #expect(limited.assignments(to: cc01).isEmpty)
        #expect(limited.alerts.map(\.kind) == [.usageLimit] && limited.alerts.first?.severity == .warning)
        #expect(h.state.counters.usageLimitedResults == 1 && h.state.counters.attemptsFailed == 0)
        #expect(h.state.counters.accountsPaused == 1)

        // Another agent of the same account gets nothing; one of another account gets the
        // limited task first (it went back to the front), as attempt 1.
        let (cc02, sameAccount) = h.agent("CC02", service: "backend", account: "Team")
        #expect(sameAccount.assignments(to: cc02).isEmpty)
        let (cc03, otherAccount) = h.agent("CC03", service: "backend", account: "other")
        let assignment = try #require(otherAccount.assignments(to: cc03).first)
        #expect(assignment.taskID == task.id && assignment.attempt == 1)

        let status = try #require(h.status(of: "CC02"))
        #expect(status.account == "Team" && status.limitKind == "five_hour")
        #expect(status.limitedUntil == h.now.wall.addingTimeInterval(600))
        #expect(h.status(of: "CC03")?.limitedUntil == nil)
        let metrics = h.state.metrics(now: h.now)
        #expect(metrics.usageLimitedAccounts == 1 && metrics.usageLimitedAgents == 2)
        #expect(metrics.prometheusText.contains("cluster_broker_usage_limited_agents 2"))
    }

    @Test("The pause lifts itself at the reset plus the margin, and the waiting task goes out")
    func resumesByItself() throws {
        var h = StateHarness(.testing(usageLimits: pausePolicy(margin: .seconds(30))))
        let (cc01, _) = h.agent("CC01", service: "backend", account: "team")
        let task = try #require(h.submit(TaskSpec(title: "t", description: "d", target: "backend")).0)
        _ = h.usageLimited(task.id, from: cc01, resetsIn: .seconds(60))

        let waiting = h.run(for: .seconds(89), alive: [cc01])
        #expect(waiting.assignments(to: cc01).isEmpty)
        #expect(h.state.tasks[task.id]?.record.state == .queued)

        let resumed = h.run(for: .seconds(1), alive: [cc01])
        let assignment = try #require(resumed.assignments(to: cc01).first)
        #expect(assignment.taskID == task.id && assignment.attempt == 1)
        #expect(resumed.alerts.map(\.severity) == [.info])
        #expect(h.status(of: "CC01")?.limitedUntil == nil)
        #expect(h.complete(task.id, from: cc01).upserts.map(\.state) == [.succeeded])
    }

    @Test("Without a reset time the pause lasts the configured default")
    func defaultPause() throws {
        var h = StateHarness(.testing(usageLimits: pausePolicy(defaultPause: .seconds(100), margin: .seconds(5))))
        let (cc01, _) = h.agent("CC01", service: "backend", account: nil)
        let task = try #require(h.submit(TaskSpec(title: "t", description: "d", target: "backend")).0)
        _ = h.usageLimited(task.id, from: cc01, resetsIn: nil)
        #expect(h.status(of: "CC01")?.limitedUntil == h.now.wall.addingTimeInterval(100))
        #expect(h.run(for: .seconds(104), alive: [cc01]).assignments(to: cc01).isEmpty)
        #expect(h.run(for: .seconds(1), alive: [cc01]).assignments(to: cc01).map(\.attempt) == [1])
    }

    @Test("A reset time already past still pauses for at least a second")
    func pastResetPausesBriefly() throws {
        var h = StateHarness(.testing(usageLimits: pausePolicy(margin: .zero)))
        let (cc01, _) = h.agent("CC01", service: "backend", account: nil)
        let task = try #require(h.submit(TaskSpec(title: "t", description: "d", target: "backend")).0)
        let limited = h.usageLimited(task.id, from: cc01, resetsIn: .seconds(-30))
        #expect(limited.assignments(to: cc01).isEmpty)
        #expect(h.advance(.milliseconds(999)).assignments(to: cc01).isEmpty)
        #expect(h.advance(.milliseconds(1)).assignments(to: cc01).map(\.attempt) == [1])
    }

    @Test("With auto-resume off the pause waits for mmi.account.resume")
    func operatorResumes() throws {
        var h = StateHarness(.testing(usageLimits: pausePolicy(autoResume: false, margin: .seconds(1))))
        let (cc01, _) = h.agent("CC01", service: "backend", account: "team")
        let task = try #require(h.submit(TaskSpec(title: "t", description: "d", target: "backend")).0)
        let limited = h.usageLimited(task.id, from: cc01, resetsIn: .seconds(10))
        #expect(limited.alerts.first?.text.contains("claude-cluster resume-account team") == true)
        #expect(h.run(for: .seconds(30), alive: [cc01]).assignments(to: cc01).isEmpty)

        let unknown = h.call(ClusterService.AccountResume.self, AccountReference(account: "nobody"))
        #expect(unknown.busErrors(to: .client).map(\.error.code) == [.notFound])

        let resumed = h.call(ClusterService.AccountResume.self, AccountReference(account: "TEAM"))
        let reply = try #require(resumed.busReplies(ClusterService.AccountResume.self, to: .client).first)
        let pause = try reply.get()
        #expect(pause.account == "team" && pause.kind == "five_hour" && pause.agents == ["CC01"])
        #expect(resumed.assignments(to: cc01).map(\.attempt) == [1])
        #expect(resumed.alerts.map(\.severity) == [.info])
    }

    @Test("Repeated usage limits never use up attempts or deliveries, nor feed the error rate")
    func neverDeadLetters() throws {
        var h = StateHarness(.testing(usageLimits: pausePolicy(margin: .zero), maxAttempts: 1, maxDeliveries: 2))
        let (cc01, _) = h.agent("CC01", service: "backend", account: "team")
        let task = try #require(h.submit(TaskSpec(title: "t", description: "d", target: "backend")).0)
        for _ in 0..<6 {
            let limited = h.usageLimited(task.id, from: cc01, resetsIn: .seconds(2))
            #expect(limited.upserts.map(\.state) == [.queued])
            #expect(h.run(for: .seconds(2), alive: [cc01]).assignments(to: cc01).map(\.attempt) == [1])
        }
        #expect(h.state.counters.usageLimitedResults == 6 && h.state.counters.tasksExhausted == 0)
        #expect(h.state.counters.alerts == 12)
        let done = h.complete(task.id, from: cc01)
        #expect(done.upserts.map(\.state) == [.succeeded] && done.upserts.first?.attempts == 1)
        #expect(done.upserts.first?.error == nil)
    }

    @Test("After a failed attempt the limited one is not counted: the record goes back to retrying")
    func afterAFailure() throws {
        var h = StateHarness(.testing(usageLimits: pausePolicy(margin: .zero)))
        let (cc01, _) = h.agent("CC01", service: "backend", account: "team")
        let task = try #require(h.submit(TaskSpec(title: "t", description: "d", target: "backend")).0)
        _ = h.complete(task.id, from: cc01, outcome: .failed)
        #expect(h.run(for: .seconds(2), alive: [cc01]).assignments(to: cc01).map(\.attempt) == [2])
        let limited = h.usageLimited(task.id, attempt: 2, from: cc01, resetsIn: .seconds(5))
        let record = try #require(limited.upserts.first)
        #expect(record.state == .retrying && record.attempts == 1 && record.notBefore == nil)

        // A restarted broker (the pause is not journaled) sends it as attempt 2 again.
        var restarted = StateHarness(.testing())
        let (again, _) = restarted.agent("CC01", service: "backend", account: "team")
        let restored = restarted.state.restore([record], now: restarted.now)
        #expect(restored.assignments(to: again).map(\.attempt) == [2])
    }

    @Test("A paused agent is sent no plain requests either; they wait for the resume")
    func plainRequestsWait() throws {
        var h = StateHarness(.testing(usageLimits: pausePolicy(margin: .zero)))
        let (cc01, _) = h.agent("CC01", service: "backend", account: "team")
        let task = try #require(h.submit(TaskSpec(title: "t", description: "d", target: "backend")).0)
        _ = h.usageLimited(task.id, from: cc01, resetsIn: .seconds(2))
        _ = h.call(ClusterService.TaskCancel.self, TaskReference(taskID: task.id))
        let asked = h.receive(.client(.request(service: "backend", body: [Frame("help?")])), from: .otherClient)
        #expect(asked.workerRequests(to: cc01).isEmpty)
        let resumed = h.run(for: .seconds(2), alive: [cc01])
        #expect(resumed.workerRequests(to: cc01).map(\.body) == [[Frame("help?")]])
    }

    @Test("A late usage-limit report of an attempt already decided is ignored")
    func lateReportIgnored() throws {
        var h = StateHarness(.testing())
        let (cc01, _) = h.agent("CC01", service: "backend", account: "team")
        let task = try #require(h.submit(TaskSpec(title: "t", description: "d", target: "backend")).0)
        _ = h.complete(task.id, from: cc01)
        let late = h.usageLimited(task.id, from: cc01, resetsIn: .seconds(5))
        #expect(late.alerts.isEmpty && late.upserts.isEmpty)
        #expect(h.status(of: "CC01")?.limitedUntil == nil)
    }

    @Test("An agent reconnecting while its account is paused stays paused; a later reset extends the pause")
    func reconnectAndExtend() throws {
        var h = StateHarness(.testing(usageLimits: pausePolicy(margin: .zero)))
        let (cc01, _) = h.agent("CC01", service: "backend", account: "team")
        let (cc02, _) = h.agent("CC02", service: "backend", account: "team")
        let one = try #require(h.submit(TaskSpec(title: "one", description: "d", target: "backend")).0)
        let two = try #require(h.submit(TaskSpec(title: "two", description: "d", target: "backend")).0)
        _ = h.usageLimited(one.id, from: cc01, resetsIn: .seconds(10))
        let extended = h.usageLimited(two.id, from: cc02, resetsIn: .seconds(20))
        #expect(extended.alerts.isEmpty)
        #expect(h.status(of: "CC02")?.limitedUntil == h.now.wall.addingTimeInterval(20))

        _ = h.receive(.worker(.disconnect(extensions: [])), from: cc01)
        let (back, registered) = h.agent("CC01", service: "backend", account: "team")
        #expect(registered.assignments(to: back).isEmpty)
        #expect(h.run(for: .seconds(10), alive: [back, cc02]).assignments(to: back).isEmpty)
        let resumed = h.run(for: .seconds(10), alive: [back, cc02])
        #expect(resumed.assignments(to: back).count + resumed.assignments(to: cc02).count == 2)
    }
}

/// A usage-limit policy for tests, with a margin named for what it is here.
private func pausePolicy(autoResume: Bool = true, defaultPause: Duration = .seconds(3600), margin: Duration) -> UsageLimitPolicy {
    UsageLimitPolicy(autoResume: autoResume, defaultPause: defaultPause, resumeMargin: margin)
}
