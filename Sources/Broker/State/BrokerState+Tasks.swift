import Foundation
import Wire

extension BrokerState {
    /// `mmi.task.submit`: accepts a task once per idempotency key and queues it.
    mutating func submit(
        _ spec: TaskSpec, replyTo address: ReplyAddress, existingTask: TaskRecord?, parentTask: TaskRecord? = nil,
        now: BrokerTime, into actions: inout [BrokerAction]
    ) {
        if let key = spec.idempotencyKey, let held = tasks.task(idempotencyKey: key) {
            counters.tasksDeduplicated += 1
            replyTask(EncodedTaskRecord(held.record, specJSON: held.specJSON), to: address, into: &actions)
            return
        }
        if let existingTask, existingTask.spec.idempotencyKey == spec.idempotencyKey, spec.idempotencyKey != nil {
            counters.tasksDeduplicated += 1
            let held = tasks[existingTask.id]
            replyTask(EncodedTaskRecord(held?.record ?? existingTask), to: address, into: &actions)
            return
        }
        let parent = followedUpTask(of: spec, journalRecord: parentTask)
        let route = followUpRoute(
            spec, parent: parent, base: rules.route(spec, isAgent: registry.knowsAgent, isSpecialty: registry.knowsSpecialty))
        let record = TaskRecord(
            id: makeTaskID(), spec: spec, state: .queued, attempts: 0,
            maxAttempts: configuration.retry.attempts(for: spec),
            specialty: route.specialty ?? registry.worker(named: route.key)?.service, createdAt: now.wall)
        let specJSON = JSONWire.encodeBytes(spec)
        tasks.insert(TrackedTask(
            record: record, specJSON: specJSON, route: route, placement: .queued(ticket: 0), settledAttempt: 0,
            continuation: parent.flatMap(TaskContinuation.followingUp)))
        counters.tasksSubmitted += 1
        let encoded = recordChange(record, specJSON: specJSON, from: nil, now: now, into: &actions)
        replyTask(encoded, to: address, into: &actions)
        actions.append(.log(.info, "task \(record.id) \"\(spec.title)\" queued for \(route.key) (by \(route.reason.rawValue))"))
        tasks.enqueue(record.id, atFront: false)
        drainTasks(key: route.key, now: now, into: &actions)
    }

    /// Hands the queue's most urgent tasks to free workers serving its key.
    mutating func drainTasks(key: String, now: BrokerTime, into actions: inout [BrokerAction]) {
        while let entry = tasks.head(of: key), let task = tasks[entry.taskID] {
            let preferred = lastAgentByTaskType[task.record.spec.type]
            guard let peer = registry.pick(key: key, strategy: configuration.balancing, preferred: preferred) else { return }
            tasks.removeHead(entry, of: key)
            dispatchTask(entry.taskID, to: peer, now: now, into: &actions)
        }
    }

    /// Sends one attempt of a task to a worker: a REQUEST with the `@task:<id>:<attempt>`
    /// envelope and a `TaskAssignment` body.
    mutating func dispatchTask(_ id: String, to peer: PeerID, now: BrokerTime, into actions: inout [BrokerAction]) {
        guard var task = tasks[id], let worker = registry[peer] else { return }
        let previous = task.record.state
        let queuedSince = task.record.notBefore ?? task.record.updatedAt
        // A redelivery after a lost agent repeats the attempt; anything else starts one.
        if task.record.attempts <= task.settledAttempt { task.record.attempts += 1 }
        task.deliveries += 1
        let attempt = task.record.attempts
        let limit = timeLimit(of: task.record.spec)
        let deadline = now.uptime + limit + configuration.taskTimeoutGrace
        task.record.state = .assigned
        task.record.agent = worker.name
        if task.record.specialty == nil { task.record.specialty = worker.service }
        task.record.startedAt = now.wall
        task.record.updatedAt = now.wall
        task.record.notBefore = nil
        task.placement = .dispatched(peer: peer, delivery: task.deliveries, deadline: deadline)
        tasks.insert(task)
        registry.modify(peer) { $0.tasks[id] = attempt }
        if lastAgentByTaskType.count >= 10_000 { lastAgentByTaskType.removeAll() }
        lastAgentByTaskType[task.record.spec.type] = worker.name
        timers.insert(.taskTimeout(taskID: id, delivery: task.deliveries), at: deadline)
        counters.tasksDispatched += 1
        statistics.dispatched(specialty: task.record.specialty, waitedSeconds: now.wall.timeIntervalSince(queuedSince))
        let assignment = TaskAssignment.body(
            taskID: id, attempt: attempt, specJSON: task.specJSON, timeoutSeconds: limit.seconds,
            continuation: task.continuation)
        send(.request(envelope: TaskEnvelope(taskID: id, attempt: attempt).frames, body: [assignment]), to: worker, into: &actions)
        recordChange(task.record, specJSON: task.specJSON, from: previous, now: now, into: &actions)
    }

    /// The attempt time limit: the spec's when sensible, else the configured default.
    func timeLimit(of spec: TaskSpec) -> Duration {
        guard let seconds = spec.timeoutSeconds, seconds.isFinite, seconds > 0 else { return configuration.taskTimeout }
        return .clampedSeconds(seconds)
    }

    /// A PARTIAL for a task: stored, published, and the first one moves it to running.
    mutating func taskProgress(
        _ envelope: TaskEnvelope, body: [Frame], from peer: PeerID, now: BrokerTime, into actions: inout [BrokerAction]
    ) {
        if case .recovering = tasks[envelope.taskID]?.placement, tasks[envelope.taskID]?.record.attempts == envelope.attempt {
            adoptRecovering(envelope.taskID, by: peer, now: now, into: &actions)
        }
        guard var task = tasks[envelope.taskID], task.holder == peer, task.record.attempts == envelope.attempt else {
            actions.append(.log(.debug, "dropped progress for \(envelope.taskID) attempt \(envelope.attempt) from \(peer): "
                + "it does not hold that attempt"))
            return
        }
        var update: ProgressUpdate
        if let frame = body.first, let decoded = try? JSONWire.decode(ProgressUpdate.self, from: frame) {
            update = decoded
        } else {
            // A plain MDP worker's PARTIAL is text: kept as an output line.
            task.textProgressSequence += 1
            let text = body.map { String(decoding: $0.bytes, as: UTF8.self) }.joined(separator: "\n")
            update = ProgressUpdate(taskID: envelope.taskID, attempt: envelope.attempt,
                                    sequence: task.textProgressSequence, kind: .output, message: text, at: now.wall)
        }
        update.taskID = envelope.taskID
        update.attempt = envelope.attempt
        if task.record.state == .assigned {
            task.record.state = .running
            task.record.updatedAt = now.wall
            recordChange(task.record, specJSON: task.specJSON, from: .assigned, now: now, into: &actions)
        }
        tasks.insert(task)
        counters.progressUpdates += 1
        actions.append(.journal(.appendProgress(update)))
        publish(.taskProgress(update), now: now, into: &actions)
    }

    /// A restored task reported by an agent (in its load report or by progress) stays
    /// running on that agent, with a fresh time limit.
    mutating func adoptRecovering(_ id: String, by peer: PeerID, now: BrokerTime, into actions: inout [BrokerAction]) {
        guard var task = tasks[id], case .recovering = task.placement, let worker = registry[peer] else { return }
        let deadline = now.uptime + timeLimit(of: task.record.spec) + configuration.taskTimeoutGrace
        task.placement = .dispatched(peer: peer, delivery: task.deliveries, deadline: deadline)
        timers.insert(.taskTimeout(taskID: id, delivery: task.deliveries), at: deadline)
        registry.modify(peer) { $0.tasks[id] = task.record.attempts }
        actions.append(.log(.info, "task \(id) attempt \(task.record.attempts) is still running on \(worker.name); kept there"))
        if task.record.agent != worker.name {
            task.record.agent = worker.name
            task.record.updatedAt = now.wall
            actions.append(.journal(.upsertTask(EncodedTaskRecord(task.record, specJSON: task.specJSON))))
        }
        tasks.insert(task)
    }
}
