import Foundation
import Wire

extension BrokerState {
    /// A FINAL saying the attempt in flight ran into its account's usage limit.
    ///
    /// A pause, never a failure: the task goes back to the front of its queue with the
    /// attempt not counted (its record as before the attempt started: `queued`, or
    /// `retrying` after earlier failed attempts), the delivery does not count towards
    /// `maxDeliveries`, the error-rate monitor is not told, and the agent's account is
    /// paused (``limitAccount(of:_:taskID:now:into:)``). Other accounts' agents may take
    /// the task at once.
    mutating func attemptUsageLimited(
        _ id: String, result: TaskResult, attempt: Int, from peer: PeerID?, now: BrokerTime,
        into actions: inout [BrokerAction]
    ) {
        guard var task = tasks[id] else { return }
        counters.usageLimitedResults += 1
        // The worker whose account is limited: the sender, else the agent the task went to.
        let worker = peer.flatMap { registry[$0] } ?? task.record.agent.flatMap { registry.worker(named: $0) }
        relinquish(task, reason: "attempt \(attempt) hit a usage limit", now: now, into: &actions)
        let limit = result.usageLimit ?? UsageLimit(kind: "unknown")
        let previous = task.record.state
        bookAttempt(&task.record, result: result, attempt: attempt, now: now, journalRow: false, into: &actions)
        task.record.attempts = attempt - 1
        task.settledAttempt = attempt - 1
        task.pausedDeliveries += 1
        task.record.state = task.record.attempts == 0 ? .queued : .retrying
        task.record.notBefore = nil
        task.record.updatedAt = now.wall
        let account = worker.map { " of account \($0.accountName)" } ?? ""
        task.record.error = "waiting: attempt \(attempt) on \(task.record.agent ?? "its agent") hit the \(limit.kind) usage limit"
            + account + (limit.message.map { " (\($0))" } ?? "")
        tasks.insert(task)
        tasks.enqueue(id, atFront: true)
        actions.append(.log(.info, "task \(id) attempt \(attempt) hit the \(limit.kind) usage limit\(account); "
            + "it is queued again with the attempt not counted"))
        recordChange(task.record, specJSON: task.specJSON, from: previous, now: now, into: &actions)
        if let worker {
            limitAccount(of: worker, limit, taskID: id, now: now, into: &actions)
        } else {
            actions.append(.log(.notice, "the agent that reported a usage limit on task \(id) is no longer registered; "
                + "its account is not paused (its next attempt will report the limit again)"))
        }
        drainTasks(key: task.route.key, now: now, into: &actions)
    }

    /// Pauses the worker's account until the limit resets (or for the default pause when
    /// the runner did not say): none of its agents is sent work meanwhile. A later reset
    /// extends a pause; an earlier one leaves it as it is.
    mutating func limitAccount(
        of worker: Worker, _ limit: UsageLimit, taskID: String, now: BrokerTime, into actions: inout [BrokerAction]
    ) {
        let policy = configuration.usageLimits
        let key = worker.accountKey
        let until = (limit.resetsAt ?? now.wall.addingTimeInterval(policy.defaultPause.seconds)).roundedToMillisecond
        let existing = accountLimits[key]
        if let existing, existing.until >= until { return }
        let wait = Duration.clampedSeconds(until.timeIntervalSince(now.wall))
        // At least a second, so a reset time already past cannot make the agent and the
        // broker hand the task back and forth without pause.
        let pause = AccountLimit(account: worker.accountName, kind: limit.kind, until: until, message: limit.message,
                                 resumeAt: now.uptime + max(wait + policy.resumeMargin, .seconds(1)))
        accountLimits[key] = pause
        let peers = registry.peers(ofAccount: key)
        for peer in peers { registry.modify(peer) { $0.usageLimited = true } }
        if policy.autoResume { timers.insert(.accountResume(account: key), at: pause.resumeAt) }
        let when = JSONWire.formatDate(until) + (limit.resetsAt == nil ? " (the runner did not say; default pause)" : "")
        guard existing == nil else {
            actions.append(.log(.info, "account \(pause.account) is now limited until \(when) (\(limit.kind))"))
            return
        }
        counters.accountsPaused += 1
        let names = peers.compactMap { registry[$0]?.name }.joined(separator: ", ")
        let resume = policy.autoResume
            ? "work resumes by itself \(policy.resumeMargin) after that"
            : "resume it with `claude-cluster resume-account \(pause.account)`"
        raise(Alert(kind: .usageLimit, severity: .warning,
                    text: "account \(pause.account) hit its \(limit.kind) usage limit (task \(taskID) on \(worker.name)); "
                        + "its agents (\(names)) get no work until \(when); \(resume). Tasks wait in their queues, "
                        + "nothing fails",
                    agent: worker.name, taskID: taskID),
              now: now, into: &actions)
    }

    /// Lifts an account's pause and offers its agents work. Returns the lifted pause, or
    /// nil when the account was not paused.
    @discardableResult
    mutating func resumeAccount(_ key: String, why: String, now: BrokerTime, into actions: inout [BrokerAction]) -> AccountPause? {
        guard let pause = accountLimits.removeValue(forKey: key) else { return nil }
        let peers = registry.peers(ofAccount: key)
        for peer in peers { registry.modify(peer) { $0.usageLimited = false } }
        let names = peers.compactMap { registry[$0]?.name }
        raise(Alert(kind: .usageLimit, severity: .info,
                    text: "account \(pause.account) resumes (\(why)); its \(pause.kind) limit was until "
                        + "\(JSONWire.formatDate(pause.until)); its agents (\(names.joined(separator: ", "))) get work again"),
              now: now, into: &actions)
        for peer in peers { serveWorker(peer, now: now, into: &actions) }
        return AccountPause(account: pause.account, kind: pause.kind, limitedUntil: pause.until, agents: names)
    }

    /// The `accountResume` timer: lifts the pause when it is still the one the timer was
    /// set for and resuming by itself is on.
    mutating func accountResumeDue(_ key: String, deadline: Duration, now: BrokerTime, into actions: inout [BrokerAction]) {
        guard configuration.usageLimits.autoResume, let pause = accountLimits[key], pause.resumeAt == deadline else { return }
        resumeAccount(key, why: "its usage limit has reset", now: now, into: &actions)
    }

    /// `mmi.account.resume`: an operator lifts a pause now.
    mutating func resumeAccount(
        _ reference: AccountReference, replyTo address: ReplyAddress, now: BrokerTime, into actions: inout [BrokerAction]
    ) {
        let key = reference.account.trimmingCharacters(in: .whitespaces).lowercased()
        if let lifted = resumeAccount(key, why: "resumed by an operator", now: now, into: &actions) {
            replySuccess(lifted, to: address, into: &actions)
            return
        }
        let paused = accountLimits.values.map(\.account).sorted()
        replyFailure(BusError(.notFound, "account \(reference.account) is not paused by a usage limit; paused accounts: "
            + (paused.isEmpty ? "none" : paused.joined(separator: ", "))), to: address, into: &actions)
    }

    /// Whether the account (a lowercased ``Worker/accountKey``) is paused by a usage limit.
    func isAccountPaused(_ key: String) -> Bool { accountLimits[key] != nil }
}
