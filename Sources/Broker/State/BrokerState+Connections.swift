import Wire

/// Failure detection by connection: the shell watches the ROUTER's connections (a socket
/// monitor) and tells the machine when a worker's connection closed, and when a worker
/// whose connection closed is heard from over a live one. A killed agent's kernel closes
/// its TCP connection at once, so its work is requeued after `disconnectGrace` instead of
/// `liveness × interval`; heartbeats still catch what closes no connection (a frozen
/// process, a cut cable).
extension BrokerState {
    /// The connection of `peer` closed. A registered worker gets `disconnectGrace` to come
    /// back; meanwhile it is sent no work. Unknown peers (clients, departed workers) and a
    /// second report for the same worker change nothing.
    mutating func connectionClosed(_ peer: PeerID, now: BrokerTime) -> [BrokerAction] {
        var actions: [BrokerAction] = []
        guard let generation = registry.modify(peer, { worker -> Int? in
            guard worker.connectionLostAt == nil else { return nil }
            worker.connectionLostAt = now.uptime
            return worker.generation
        }), let generation, let worker = registry[peer] else { return actions }
        counters.workerConnectionsClosed += 1
        actions.append(.log(.info, "the connection of \(worker.isClusterAgent ? "agent" : "worker") \(worker.name) closed; "
            + "it is taken for dead unless it comes back within \(configuration.disconnectGrace)"))
        let deadline = now.uptime + configuration.disconnectGrace
        if configuration.disconnectGrace == .zero {
            connectionGraceEnded(peer, generation: generation, now: now, into: &actions)
        } else {
            timers.insert(.connectionLost(peer, generation: generation), at: deadline)
        }
        return actions
    }

    /// `peer` was heard over a live connection after its connection closed (the same
    /// identity reconnected, with ROUTER_HANDOVER): it is alive, its grace is cancelled,
    /// and it may take work again.
    mutating func connectionResumed(_ peer: PeerID, now: BrokerTime) -> [BrokerAction] {
        var actions: [BrokerAction] = []
        let resumed = registry.modify(peer) { worker -> Bool in
            guard worker.connectionLostAt != nil else { return false }
            worker.connectionLostAt = nil
            return true
        } ?? false
        guard resumed, let worker = registry[peer] else { return actions }
        actions.append(.log(.info, "\(worker.isClusterAgent ? "agent" : "worker") \(worker.name) came back "
            + "within the disconnect grace; it keeps its work"))
        serveWorker(peer, now: now, into: &actions)
        return actions
    }

    /// The disconnect grace of this registration is over: unless it came back, the worker
    /// is dead and its work requeued, as after a heartbeat expiry.
    mutating func connectionGraceEnded(
        _ peer: PeerID, generation: Int, now: BrokerTime, into actions: inout [BrokerAction]
    ) {
        guard let worker = registry[peer], worker.generation == generation, worker.connectionLostAt != nil else { return }
        removeWorker(peer, because: .connectionLost, now: now, into: &actions)
    }

    /// The tasks of an agent whose connection closed, taken over by its new registration
    /// (it reconnected with a fresh socket, or its process restarted): the new connection
    /// must report each one (in `AgentLoad.running_task_ids`, by progress, or by its FINAL)
    /// within the recovery grace, as after a broker restart, or it is queued again. A
    /// restarted process runs none of them, so adopting them outright would leave them
    /// waiting for their time limit. Returns the tasks the new registration keeps: none.
    mutating func awaitReport(of lost: Worker, now: BrokerTime, into actions: inout [BrokerAction]) -> [String: Int] {
        let until = now.uptime + configuration.effectiveRecoveryGrace
        for taskID in lost.tasks.keys.sorted() {
            tasks.modify(taskID) { task in
                if case .dispatched = task.placement { task.placement = .recovering(until: until) }
            }
            timers.insert(.taskRecovery(taskID: taskID), at: until)
        }
        if !lost.tasks.isEmpty {
            actions.append(.log(.info, "agent \(lost.name) registered again after its connection closed; "
                + "its \(lost.tasks.count) task(s) stay with it if it reports them within \(configuration.effectiveRecoveryGrace)"))
        }
        return [:]
    }
}
