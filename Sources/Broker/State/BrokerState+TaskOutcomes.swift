import Foundation
import Wire

extension BrokerState {
    /// A FINAL for a task, from a registered worker (`peer`) or an unknown one (nil).
    ///
    /// It frees the slot the attempt held. The first FINAL for any attempt of an
    /// unfinished task decides it when it reports success; a failure counts only for the
    /// attempt in flight. Everything else is a late or duplicate answer and is ignored.
    mutating func taskFinal(
        _ envelope: TaskEnvelope, body: [Frame], from peer: PeerID?, now: BrokerTime, into actions: inout [BrokerAction]
    ) {
        let id = envelope.taskID, attempt = envelope.attempt
        var freed = false
        if let peer {
            freed = registry.modify(peer) { worker -> Bool in
                if worker.releasing[id]?.attempt == attempt { worker.releasing[id] = nil; return true }
                if worker.tasks[id] == attempt { worker.tasks[id] = nil; return true }
                return false
            } ?? false
        }
        defer { if freed, let peer { serveWorker(peer, now: now, into: &actions) } }
        guard let task = tasks[id] else {
            counters.duplicateResults += 1
            actions.append(.log(.debug, "ignored the result of \(id) attempt \(attempt): the task is finished or unknown"))
            return
        }
        let result = completion(of: body, from: peer, envelope: envelope)
        let inFlight: Bool
        switch task.placement {
        case .dispatched, .recovering: inFlight = attempt == task.record.attempts && attempt > task.settledAttempt
        case .queued, .backoff: inFlight = false
        }
        switch result.outcome {
        case .succeeded:
            finish(id, as: .succeeded, result: result, attempt: attempt, now: now, into: &actions)
        case .failed where inFlight, .timedOut where inFlight:
            attemptFailed(id, result: result, attempt: attempt, now: now, into: &actions)
        case .usageLimited where inFlight:
            attemptUsageLimited(id, result: result, attempt: attempt, from: peer, now: now, into: &actions)
        case .cancelled where inFlight && task.holder == peer && peer != nil:
            // The agent gave the task back (it is shutting down): not the task's fault.
            actions.append(.log(.info, "agent gave back task \(id) attempt \(attempt): \(result.summary)"))
            if let key = taskLost(id, now: now, into: &actions) { drainTasks(key: key, now: now, into: &actions) }
        default:
            counters.duplicateResults += 1
            actions.append(.log(.debug, "ignored a late \(result.outcome.rawValue) result of \(id) attempt \(attempt)"))
        }
    }

    /// Reads a FINAL body: a `TaskCompletion`, or from a plain MDP worker any text, taken
    /// as a successful result summary.
    private func completion(of body: [Frame], from peer: PeerID?, envelope: TaskEnvelope) -> TaskResult {
        let frame = body.first ?? .empty
        do {
            return try JSONWire.decode(TaskCompletion.self, from: frame).result
        } catch {
            let isPlain = peer.flatMap { registry[$0] }.map { !$0.isClusterAgent } ?? false
            let text = body.map { String(decoding: $0.bytes, as: UTF8.self) }.joined(separator: "\n")
            if isPlain { return TaskResult(outcome: .succeeded, summary: text) }
            return TaskResult(outcome: .failed, summary: "the agent's result could not be read",
                              error: "unreadable TaskCompletion: \(error)")
        }
    }

    /// Ends a task: records the result once, stores and publishes the final record, and
    /// releases an attempt still running elsewhere. Returns the final record.
    @discardableResult
    mutating func finish(
        _ id: String, as state: TaskState, result: TaskResult, attempt: Int, now: BrokerTime,
        into actions: inout [BrokerAction]
    ) -> TaskRecord? {
        guard let task = tasks.remove(id) else { return nil }
        var record = task.record
        let previous = record.state
        var stored = result
        stored.transcript = nil
        if attempt > task.settledAttempt {
            bookAttempt(&record, result: result, attempt: attempt, now: now, into: &actions)
            noteAttemptEnded(record, outcome: result.outcome, now: now)
        }
        record.state = state
        record.result = stored
        record.error = state == .succeeded ? nil : (result.error ?? result.summary)
        record.finishedAt = now.wall
        record.updatedAt = now.wall
        record.notBefore = nil
        // The task's row first: the journal then knows the task without looking it up.
        recordChange(record, specJSON: task.specJSON, from: previous, now: now, into: &actions)
        if let transcript = result.transcript, !transcript.isEmpty {
            actions.append(.journal(.appendTranscript(taskID: id, attempt: attempt, text: transcript)))
        }
        actions.append(.journal(.recordResult(taskID: id, attempt: attempt, stored)))
        switch state {
        case .succeeded:
            counters.tasksSucceeded += 1
            noteOutcome(failed: false, now: now, into: &actions)
        case .cancelled:
            counters.tasksCancelled += 1
        default:
            counters.tasksExhausted += 1
        }
        actions.append(.log(state == .succeeded || state == .cancelled ? .info : .warning,
                            "task \(id) \(state.rawValue) after attempt \(attempt): \(record.error ?? stored.summary)"))
        relinquish(task, reason: "task \(state.rawValue)", now: now, into: &actions)
        return record
    }

    /// Counts a failed attempt and either schedules the next one or ends the task.
    mutating func attemptFailed(
        _ id: String, result: TaskResult, attempt: Int, now: BrokerTime, into actions: inout [BrokerAction]
    ) {
        guard var task = tasks[id] else { return }
        if result.outcome == .timedOut { counters.attemptsTimedOut += 1 } else { counters.attemptsFailed += 1 }
        noteOutcome(failed: true, now: now, into: &actions)
        relinquish(task, reason: "attempt \(attempt) \(result.outcome.rawValue)", now: now, into: &actions)
        bookAttempt(&task.record, result: result, attempt: attempt, now: now, into: &actions)
        noteAttemptEnded(task.record, outcome: result.outcome, now: now)
        task.continuation = TaskContinuation.retrying(task.record, after: result, previous: task.continuation)
        task.settledAttempt = attempt
        if let transcript = result.transcript, !transcript.isEmpty {
            actions.append(.journal(.appendTranscript(taskID: id, attempt: attempt, text: transcript)))
        }
        guard task.record.attempts < task.record.maxAttempts else {
            tasks.insert(task)
            // Without retries the outcome is the end state; after retries, the dead letters.
            let end: TaskState = task.record.maxAttempts > 1 ? .deadLettered
                : (result.outcome == .timedOut ? .timedOut : .failed)
            finish(id, as: end, result: result, attempt: attempt, now: now, into: &actions)
            return
        }
        let delay = configuration.retry.delay(afterAttempt: attempt, jitter: jitter)
        let previous = task.record.state
        task.record.state = .retrying
        task.record.error = result.error ?? result.summary
        task.record.notBefore = now.wall.addingTimeInterval(delay.seconds).roundedToMillisecond
        task.record.updatedAt = now.wall
        task.placement = .backoff(until: now.uptime + delay)
        tasks.insert(task)
        timers.insert(.taskRetry(taskID: id), at: now.uptime + delay)
        counters.tasksRetried += 1
        actions.append(.log(.info, "task \(id) attempt \(attempt) \(result.outcome.rawValue); "
            + "attempt \(attempt + 1) of \(task.record.maxAttempts) in \(delay)"))
        recordChange(task.record, specJSON: task.specJSON, from: previous, now: now, into: &actions)
    }

    /// A task whose worker was lost goes back to the front of its queue without using up
    /// an attempt, unless it has been delivered too often. Returns the queue key to drain.
    mutating func taskLost(_ id: String, now: BrokerTime, into actions: inout [BrokerAction]) -> String? {
        guard var task = tasks[id], task.holder != nil || isRecovering(task) else { return nil }
        guard task.deliveries - task.pausedDeliveries < configuration.maxDeliveries else {
            let text = "delivered \(task.deliveries) times and every agent it went to was lost"
            finish(id, as: .deadLettered, result: TaskResult(outcome: .failed, summary: text, error: text),
                   attempt: task.record.attempts, now: now, into: &actions)
            return nil
        }
        let previous = task.record.state
        task.record.state = .queued
        task.record.updatedAt = now.wall
        tasks.insert(task)
        tasks.enqueue(id, atFront: true)
        counters.tasksRequeued += 1
        recordChange(task.record, specJSON: task.specJSON, from: previous, now: now, into: &actions)
        return task.route.key
    }

    private func isRecovering(_ task: TrackedTask) -> Bool {
        if case .recovering = task.placement { return true }
        return false
    }

    /// The broker no longer waits for an attempt a worker holds: its slot stays reserved
    /// until the worker's FINAL or a deadline, and a cluster agent is told to stop.
    ///
    /// The deadline is the grace for an agent (it was told to stop), and the attempt's own
    /// time limit for a plain worker (it cannot be told, so it is busy until then).
    mutating func relinquish(_ task: TrackedTask, reason: String, now: BrokerTime, into actions: inout [BrokerAction]) {
        guard case .dispatched(let peer, _, let deadline) = task.placement,
              let worker = registry[peer], let attempt = worker.tasks[task.record.id]
        else { return }
        let id = task.record.id
        var until = now.uptime + configuration.taskTimeoutGrace
        if !worker.isClusterAgent, deadline > until { until = deadline }
        registry.modify(peer) { worker in
            worker.tasks[id] = nil
            worker.releasing[id] = SlotRelease(attempt: attempt, until: until)
        }
        timers.insert(.slotRelease(peer, generation: worker.generation, taskID: id, attempt: attempt), at: until)
        if worker.isClusterAgent {
            send(TaskCancellation(taskID: id, attempt: attempt, reason: reason).command, to: worker, into: &actions)
        }
    }

    /// Feeds the error-rate monitor and raises its alert when due.
    mutating func noteOutcome(failed: Bool, now: BrokerTime, into actions: inout [BrokerAction]) {
        guard let breach = errorRate.record(failed: failed, at: now.uptime) else { return }
        let policy = configuration.errorRateAlert
        raise(Alert(kind: .errorRate, severity: .warning,
                    text: "\(breach.failures) of the last \(breach.outcomes) task attempts failed within \(policy.window) "
                        + "(threshold \(Int(policy.threshold * 100))%); check the agents' runners and recent tasks"),
              now: now, into: &actions)
    }
}
