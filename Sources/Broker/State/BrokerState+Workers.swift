import Wire

/// Why a worker leaves the registry.
enum WorkerDeparture: Sendable, Hashable {
    /// Silent past its liveness.
    case silent
    /// Held a plain request past the busy-worker timeout.
    case busy(requestID: UInt64)
    /// Sent DISCONNECT.
    case disconnected
    /// Broke the protocol (READY twice); it was sent DISCONNECT.
    case protocolError
    /// Its connection closed and it did not come back within the disconnect grace.
    case connectionLost
}

extension BrokerState {
    mutating func workerCommand(
        _ command: MDPWorkerCommand, framing: MDPFraming, from peer: PeerID, now: BrokerTime,
        into actions: inout [BrokerAction]
    ) {
        guard registry.contains(peer) else {
            unknownWorkerCommand(command, framing: framing, from: peer, now: now, into: &actions)
            return
        }
        refreshIfWorker(peer, now: now)
        switch command {
        case .ready(let service, _):
            // 18/MDP: READY from a registered worker is a protocol error.
            actions.append(.log(.warning, "worker \(peer) sent READY for \(service) while registered; disconnecting it"))
            if let worker = registry[peer] { send(.disconnect(extensions: []), to: worker, into: &actions) }
            removeWorker(peer, because: .protocolError, now: now, into: &actions)
        case .heartbeat(let extensions):
            heartbeat(from: peer, extensions: extensions, now: now, into: &actions)
        case .disconnect:
            removeWorker(peer, because: .disconnected, now: now, into: &actions)
        case .partial(let envelope, let body):
            workerReply(envelope: envelope, body: body, isFinal: false, from: peer, now: now, into: &actions)
        case .final(let envelope, let body):
            workerReply(envelope: envelope, body: body, isFinal: true, from: peer, now: now, into: &actions)
        case .request:
            reject(peer, reason: "a worker may not send REQUEST to the broker", into: &actions)
        }
    }

    /// 18/MDP: any command but READY from a worker the broker does not know gets a
    /// DISCONNECT. A task's FINAL is still taken first: after a broker restart an agent
    /// delivers work it finished while the broker was down before it registers again.
    private mutating func unknownWorkerCommand(
        _ command: MDPWorkerCommand, framing: MDPFraming, from peer: PeerID, now: BrokerTime,
        into actions: inout [BrokerAction]
    ) {
        switch command {
        case .ready(let service, let extensions):
            registerWorker(peer, service: service, extensions: extensions, framing: framing, now: now, into: &actions)
        case .disconnect:
            break
        case .final(let envelope, let body):
            if let task = TaskEnvelope(frames: envelope) {
                taskFinal(task, body: body, from: nil, now: now, into: &actions)
            }
            send(.worker(.disconnect(extensions: [])), to: peer, framing: framing, into: &actions)
        default:
            send(.worker(.disconnect(extensions: [])), to: peer, framing: framing, into: &actions)
        }
    }

    private mutating func registerWorker(
        _ peer: PeerID, service: String, extensions: [Frame], framing: MDPFraming, now: BrokerTime,
        into actions: inout [BrokerAction]
    ) {
        guard !MMI.isInternal(service) else {
            reject(peer, reason: "a worker may not register for the broker's own service \(service)", into: &actions)
            send(.worker(.disconnect(extensions: [])), to: peer, framing: framing, into: &actions)
            return
        }
        var info: AgentInfo?
        if let frame = extensions.first {
            do {
                info = try JSONWire.decode(AgentInfo.self, from: frame)
            } catch {
                actions.append(.log(.warning, "worker \(peer) sent a READY extension that is not AgentInfo (\(error)); "
                    + "serving it as a plain MDP worker"))
            }
        }
        var inherited: Worker?
        if let info, let holder = registry.worker(named: info.name) {
            // The same agent on a fresh connection: the old one is gone, its work is not.
            actions.append(.log(.notice, "agent \(info.name) registered again from \(peer); "
                + "its work moves over from the old connection \(holder.peer)"))
            inherited = registry.remove(holder.peer)
            if holder.connectionLostAt != nil {
                inherited?.tasks = awaitReport(of: holder, now: now, into: &actions)
            }
        }
        var worker = Worker(
            peer: peer, generation: registry.takeGeneration(), service: service, framing: framing, info: info, now: now)
        if let inherited { adoptWork(of: inherited, into: &worker) }
        // An agent of a paused account (a new one, or one that reconnected) starts paused.
        worker.usageLimited = isAccountPaused(worker.accountKey)
        // An agent an operator paused stays paused on a fresh connection.
        worker.paused = worker.isClusterAgent && agentPauses[worker.name.lowercased()] != nil
        registry.register(worker)
        counters.workersRegistered += 1
        scheduleCheck(of: peer, at: worker.expiry(configuration.heartbeat))
        let kind = info.map { "agent \($0.name) (capacity \(worker.capacity))" } ?? "plain worker \(peer)"
        actions.append(.log(.info, "\(kind) registered for \(worker.services.joined(separator: ", "))"))
        if let info, !info.runnerAvailable {
            let problem = info.runnerProblem ?? "runner unavailable"
            actions.append(.log(.warning, "agent \(info.name) cannot run tasks: \(problem); "
                + "it is sent no work until it registers again"))
            raise(Alert(kind: .runnerUnavailable, severity: .warning,
                        text: "agent \(info.name) cannot run tasks: \(problem)", agent: info.name), now: now, into: &actions)
        }
        serveWorker(peer, now: now, into: &actions)
    }

    /// Moves an old connection's requests, tasks and reserved slots to the new one.
    private mutating func adoptWork(of old: Worker, into worker: inout Worker) {
        worker.requests = old.requests
        worker.tasks = old.tasks
        worker.releasing = old.releasing
        worker.load = old.load
        for (taskID, release) in old.releasing {
            timers.insert(.slotRelease(worker.peer, generation: worker.generation, taskID: taskID, attempt: release.attempt),
                          at: release.until)
        }
        for taskID in old.tasks.keys {
            tasks.modify(taskID) { task in
                if case .dispatched(_, let delivery, let deadline) = task.placement {
                    task.placement = .dispatched(peer: worker.peer, delivery: delivery, deadline: deadline)
                }
            }
        }
    }

    private mutating func heartbeat(
        from peer: PeerID, extensions: [Frame], now: BrokerTime, into actions: inout [BrokerAction]
    ) {
        guard let frame = extensions.first, let load = try? JSONWire.decode(AgentLoad.self, from: frame) else { return }
        let over = load.overCPULimit || load.overMemoryLimit
        let wasOver = registry.modify(peer) { worker -> Bool in
            let wasOver = worker.overLimit
            worker.load = load
            worker.overLimit = over
            return wasOver
        } ?? false
        if over, !wasOver, let worker = registry[peer] {
            let what = [load.overCPULimit ? "CPU (\(Int(load.cpuPercent))%)" : nil,
                        load.overMemoryLimit ? "memory (\(load.rssBytes / 1_048_576) MiB)" : nil]
                .compactMap { $0 }.joined(separator: " and ")
            raise(Alert(kind: .resourceLimit, severity: .warning,
                        text: "agent \(worker.name) is over its \(what) limit; check its running tasks",
                        agent: worker.name), now: now, into: &actions)
        }
        for taskID in load.runningTaskIDs {
            adoptRecovering(taskID, by: peer, now: now, into: &actions)
        }
    }

    /// Any message from a registered worker proves it alive.
    mutating func refreshIfWorker(_ peer: PeerID, now: BrokerTime) {
        registry.modify(peer) { worker in
            worker.lastHeard = now.uptime
            worker.lastHeardWall = now.wall
        }
    }

    /// Removes a worker; its plain requests and tasks go back to the front of their queues
    /// at once and are offered to the other workers.
    mutating func removeWorker(
        _ peer: PeerID, because departure: WorkerDeparture, now: BrokerTime, into actions: inout [BrokerAction]
    ) {
        guard let worker = registry.remove(peer) else { return }
        switch departure {
        case .silent, .busy: counters.workersExpired += 1
        case .disconnected, .protocolError: counters.workersDisconnected += 1
        case .connectionLost: counters.workersConnectionLost += 1
        }
        if worker.isClusterAgent {
            var status = worker.status(runningTasks: [])
            status.state = .offline
            registry.departed[worker.name.lowercased()] = .init(status: status, departedAt: now.uptime)
        }
        let lostTasks = worker.tasks.keys.sorted()
        let lostRequests = worker.requests.count
        switch departure {
        case .silent, .busy, .connectionLost:
            let why = switch departure {
            case .silent: "silent for \(configuration.heartbeat.silenceLimit)"
            case .connectionLost: "its connection closed and it did not come back within \(configuration.disconnectGrace)"
            default: "held a request past \(configuration.busyWorkerTimeout)"
            }
            let work = lostTasks.isEmpty && lostRequests == 0 ? "it held no work"
                : "its work is requeued (tasks: \(lostTasks.isEmpty ? "none" : lostTasks.joined(separator: ", ")); requests: \(lostRequests))"
            raise(Alert(kind: .agentDown, severity: worker.isClusterAgent ? .critical : .warning,
                        text: "\(worker.isClusterAgent ? "agent" : "worker") \(worker.name) (\(worker.service)) is down: \(why); \(work)",
                        agent: worker.name), now: now, into: &actions)
        case .disconnected, .protocolError:
            actions.append(.log(.info, "worker \(worker.name) (\(worker.service)) left; "
                + "\(lostTasks.count) tasks and \(lostRequests) requests go back to their queues"))
        }
        requeueRequests(of: worker, dropping: departure, now: now, into: &actions)
        var keys: [String] = []
        let requeuedBefore = counters.tasksRequeued
        for taskID in lostTasks {
            if let key = taskLost(taskID, now: now, into: &actions), !keys.contains(key) { keys.append(key) }
        }
        if departure == .connectionLost {
            counters.tasksRequeuedAfterDisconnect += counters.tasksRequeued - requeuedBefore
        }
        if worker.isClusterAgent {
            for key in rerouteFollowUps(awaiting: worker.name.lowercased(), now: now, into: &actions) where !keys.contains(key) {
                keys.append(key)
            }
        }
        for key in keys { drainTasks(key: key, now: now, into: &actions) }
    }
}
