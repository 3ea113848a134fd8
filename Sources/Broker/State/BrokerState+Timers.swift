import Foundation
import Wire

extension BrokerState {
    /// Handles every deadline that has passed: worker silence, busy workers, task
    /// timeouts, retries, recovery graces, usage-limit pauses, request expiry, and the heartbeat round.
    ///
    /// - Parameter inputBacklogged: whether the shell's last read left messages in its
    ///   input (it stopped at its batch limit). Silence and busy checks then wait for the
    ///   shell to catch up (``SilenceHorizon``); every other deadline goes by the clock.
    mutating func tick(now: BrokerTime, inputBacklogged: Bool = false) -> [BrokerAction] {
        var actions: [BrokerAction] = []
        while let due = timers.popDue(at: now.uptime) {
            fire(due.key, deadline: due.deadline, now: now, into: &actions)
        }
        silenceHorizon.advance(to: now.uptime, inputBacklogged: inputBacklogged)
        let horizon = silenceHorizon.moment
        if let earliest = workerChecks.earliest, earliest > horizon, earliest <= now.uptime {
            counters.workerChecksDeferred += 1
        }
        while let due = workerChecks.popDue(at: horizon) {
            check(due.key, deadline: due.deadline, horizon: horizon, now: now, into: &actions)
        }
        expireRequests(now: now, into: &actions)
        if now.uptime >= nextHeartbeat {
            heartbeatRound(now: now, into: &actions)
            nextHeartbeat += configuration.heartbeat.interval
            if nextHeartbeat <= now.uptime { nextHeartbeat = now.uptime + configuration.heartbeat.interval }
        }
        return actions
    }

    /// When ``tick(now:)`` must run next: never later than the next heartbeat round.
    /// May be earlier than needed (a deadline that no longer applies); never later.
    func nextDeadline(after now: BrokerTime) -> BrokerTime {
        var next = nextHeartbeat
        if let timer = timers.earliest, timer < next { next = timer }
        if let check = workerChecks.earliest, check < next { next = check }
        if let expiry = earliestRequestExpiry, expiry < next { next = expiry }
        return now.at(uptime: max(next, now.uptime))
    }

    private mutating func fire(_ timer: BrokerTimer, deadline: Duration, now: BrokerTime, into actions: inout [BrokerAction]) {
        switch timer {
        case .taskTimeout(let id, let delivery):
            guard let task = tasks[id], case .dispatched(_, delivery, let deadline) = task.placement,
                  deadline <= now.uptime
            else { return }
            taskTimedOut(task, now: now, into: &actions)
        case .taskRetry(let id):
            guard let task = tasks[id], case .backoff(let until) = task.placement, until <= now.uptime else { return }
            tasks.enqueue(id, atFront: false)
            drainTasks(key: task.route.key, now: now, into: &actions)
        case .taskRecovery(let id):
            guard let task = tasks[id], case .recovering(let until) = task.placement, until <= now.uptime else { return }
            actions.append(.log(.notice, "task \(id) was not reported by agent \(task.record.agent ?? "?") "
                + "within the recovery grace; it is queued again"))
            if let key = taskLost(id, now: now, into: &actions) { drainTasks(key: key, now: now, into: &actions) }
        case .slotRelease(let peer, let generation, let id, let attempt):
            let released = registry.modify(peer) { worker -> Bool in
                guard worker.generation == generation, worker.releasing[id]?.attempt == attempt else { return false }
                worker.releasing[id] = nil
                return true
            } ?? false
            if released { serveWorker(peer, now: now, into: &actions) }
        case .accountResume(let key):
            accountResumeDue(key, deadline: deadline, now: now, into: &actions)
        case .connectionLost(let peer, let generation):
            connectionGraceEnded(peer, generation: generation, now: now, into: &actions)
        }
    }

    /// A worker's check is due by the horizon: it is removed if it was silent past its
    /// liveness, or held its oldest plain request past the busy timeout, as of `horizon`
    /// (what it sent up to then has been read); else its next check is scheduled.
    private mutating func check(
        _ due: WorkerCheck, deadline: Duration, horizon: Duration, now: BrokerTime, into actions: inout [BrokerAction]
    ) {
        let peer = due.peer
        guard let worker = registry[peer], worker.generation == due.generation, worker.nextCheck == deadline else { return }
        registry.modify(peer) { $0.nextCheck = nil }
        let busyDeadline = worker.requests.first?.dispatchedAt.map { $0 + configuration.busyWorkerTimeout }
        if worker.expiry(configuration.heartbeat) <= horizon {
            removeWorker(peer, because: .silent, now: now, into: &actions)
        } else if let busyDeadline, busyDeadline <= horizon, let oldest = worker.requests.first {
            send(.disconnect(extensions: []), to: worker, into: &actions)
            removeWorker(peer, because: .busy(requestID: oldest.id), now: now, into: &actions)
        } else {
            scheduleCheck(of: peer, at: min(worker.expiry(configuration.heartbeat), busyDeadline ?? .seconds(Int64.max)))
        }
    }

    /// Makes sure the worker is checked by `deadline`: one live heap entry per worker.
    mutating func scheduleCheck(of peer: PeerID, at deadline: Duration) {
        guard let generation = registry.modify(peer, { worker -> Int? in
            if let scheduled = worker.nextCheck, scheduled <= deadline { return nil }
            worker.nextCheck = deadline
            return worker.generation
        }), let generation else { return }
        workerChecks.insert(WorkerCheck(peer: peer, generation: generation), at: deadline)
    }

    private mutating func taskTimedOut(_ task: TrackedTask, now: BrokerTime, into actions: inout [BrokerAction]) {
        let id = task.record.id
        let limit = timeLimit(of: task.record.spec)
        let agent = task.record.agent ?? "its agent"
        raise(Alert(kind: .taskTimeout, severity: .warning,
                    text: "task \(id) attempt \(task.record.attempts) on \(agent) ran past its \(limit) limit "
                        + "(plus \(configuration.taskTimeoutGrace) grace); it was told to stop",
                    agent: task.record.agent, taskID: id), now: now, into: &actions)
        let result = TaskResult(outcome: .timedOut, summary: "no result within \(limit) plus \(configuration.taskTimeoutGrace) grace",
                                error: "timed out on \(agent) after \(limit)")
        attemptFailed(id, result: result, attempt: task.record.attempts, now: now, into: &actions)
    }

    /// Sends HEARTBEAT to every worker, publishes the broker heartbeat, and forgets
    /// departed agents past their retention.
    private mutating func heartbeatRound(now: BrokerTime, into actions: inout [BrokerAction]) {
        let (targets, agents) = registry.heartbeatTargets()
        // Every worker gets the same frames in its framing: encode them once per framing.
        var encoded: [MDPFraming: [Frame]] = [:]
        for target in targets {
            let frames = encoded[target.framing] ?? MDPCodec.encode(.worker(.heartbeat(extensions: [])), framing: target.framing)
            encoded[target.framing] = frames
            actions.append(.send(target.peer, frames))
        }
        let beat = BrokerHeartbeat(
            version: configuration.version, uptimeSeconds: now.uptime.seconds,
            agents: agents, queuedTasks: tasks.queuedCount)
        publish(.brokerHeartbeat(beat), now: now, into: &actions)
        let retention = configuration.offlineAgentRetention
        registry.departed = registry.departed.filter { now.uptime - $0.value.departedAt < retention }
    }
}
