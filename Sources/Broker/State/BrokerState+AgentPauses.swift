import Foundation
import Wire

extension BrokerState {
    /// `mmi.agent.pause`: stops new work for a known agent (a connected one, one that left
    /// recently, or one already paused). Pausing again updates the kind (pause or drain).
    /// Answers with the agent's detail once the pause is committed.
    mutating func pauseAgent(
        _ request: AgentPauseRequest, replyTo address: ReplyAddress, now: BrokerTime, into actions: inout [BrokerAction]
    ) {
        let key = Self.agentKey(request.agent)
        guard let name = knownAgentName(key) else {
            replyFailure(unknownAgent(request.agent), to: address, into: &actions)
            return
        }
        let pause = OperatorPause(agent: name, drain: request.drain, since: agentPauses[key]?.since ?? now.wall)
        if agentPauses[key] != pause {
            let wasPaused = agentPauses[key] != nil
            agentPauses[key] = pause
            drainedAgents.remove(key)
            actions.append(.journal(.setAgentPause(agent: key, pause)))
            if let peer = registry.peer(named: key) { registry.modify(peer) { $0.paused = true } }
            if !wasPaused { counters.agentPauses += 1 }
            let running = registry.worker(named: key).map { $0.inFlight } ?? 0
            actions.append(.log(.notice, "agent \(name) \(pause.drain ? "drains" : "is paused") on request: it gets no new work "
                + "until resumed\(running > 0 ? "; its \(running) running task(s) go on" : "")"))
            if let peer = registry.peer(named: key) { noteDrained(peer, into: &actions) }
        }
        actions.append(.query(BrokerQuery(request: .agent(agentSnapshot(key, named: name)), replyTo: address)))
    }

    /// `mmi.agent.resume`: lifts an agent's pause and offers it work at once. Resuming an
    /// agent that is not paused changes nothing and answers its detail too.
    mutating func resumeAgent(
        _ reference: AgentReference, replyTo address: ReplyAddress, now: BrokerTime, into actions: inout [BrokerAction]
    ) {
        let key = Self.agentKey(reference.agent)
        guard let name = knownAgentName(key) else {
            replyFailure(unknownAgent(reference.agent), to: address, into: &actions)
            return
        }
        if agentPauses.removeValue(forKey: key) != nil {
            drainedAgents.remove(key)
            actions.append(.journal(.setAgentPause(agent: key, nil)))
            actions.append(.log(.notice, "agent \(name) resumed on request: it gets work again"))
            if let peer = registry.peer(named: key) {
                registry.modify(peer) { $0.paused = false }
                serveWorker(peer, now: now, into: &actions)
            }
        }
        actions.append(.query(BrokerQuery(request: .agent(agentSnapshot(key, named: name)), replyTo: address)))
    }

    /// `mmi.agent.get`: the agent's live part now; the journal adds its history. An agent
    /// the broker does not know is looked up in the journal only.
    mutating func describeAgent(_ reference: AgentReference, replyTo address: ReplyAddress, into actions: inout [BrokerAction]) {
        let key = Self.agentKey(reference.agent)
        let name = knownAgentName(key) ?? reference.agent.trimmingCharacters(in: .whitespaces)
        actions.append(.query(BrokerQuery(request: .agent(agentSnapshot(key, named: name)), replyTo: address)))
    }

    /// Takes back the pauses the journal holds, at start: an agent that registers later
    /// starts paused.
    mutating func restoreAgentPauses(_ pauses: [String: OperatorPause]) -> [BrokerAction] {
        guard !pauses.isEmpty else { return [] }
        for (key, pause) in pauses { agentPauses[key] = pause }
        for (key, _) in pauses {
            if let peer = registry.peer(named: key) { registry.modify(peer) { $0.paused = true } }
        }
        let names = pauses.values.map(\.agent).sorted().joined(separator: ", ")
        return [.log(.info, "restored \(pauses.count) agent pause(s): \(names) get no work until resumed")]
    }

    /// How an agent stands: `running` without a pause; a drain is `draining` while the
    /// agent still holds work (tasks, attempts being stopped, plain requests).
    func pauseState(ofAgent key: String, inFlight: Int) -> AgentPauseState {
        guard let pause = agentPauses[key] else { return .running }
        return pause.drain && inFlight > 0 ? .draining : .paused
    }

    /// Logs once when a draining agent's last piece of work ends: it is `paused` now.
    /// Called whenever a worker's slot frees.
    mutating func noteDrained(_ peer: PeerID, into actions: inout [BrokerAction]) {
        guard let (name, inFlight, paused) = registry.modify(peer, { ($0.name, $0.inFlight, $0.paused) }), paused,
              inFlight == 0 else { return }
        let key = name.lowercased()
        guard let pause = agentPauses[key], pause.drain, !drainedAgents.contains(key) else { return }
        drainedAgents.insert(key)
        actions.append(.log(.notice, "agent \(name) is drained: its last running task ended; it stays paused until resumed"))
    }

    /// The live part of an agent's detail: its status (offline when it is not connected)
    /// and the tasks it holds.
    func agentSnapshot(_ key: String, named name: String) -> AgentSnapshot {
        if let worker = registry.worker(named: key) {
            var status = worker.status(runningTasks: worker.tasks.keys.sorted(), limit: accountLimits[worker.accountKey])
            status.costUSD = spending.cost(ofAgent: worker.name)
            status.pause = pauseState(ofAgent: key, inFlight: worker.inFlight)
            let running = worker.tasks.keys.sorted().compactMap { tasks[$0]?.record }
            return AgentSnapshot(name: worker.name, status: status, running: running)
        }
        if var status = registry.departed[key]?.status {
            status.costUSD = spending.cost(ofAgent: status.name)
            status.pause = pauseState(ofAgent: key, inFlight: 0)
            return AgentSnapshot(name: status.name, status: status, running: [])
        }
        if let pause = agentPauses[key] {
            let status = AgentStatus(name: pause.agent, specialty: "", specialties: [], state: .offline, pause: .paused)
            return AgentSnapshot(name: pause.agent, status: status, running: [])
        }
        return AgentSnapshot(name: name, status: nil, running: [])
    }

    /// The agent's name as the broker knows it: connected, departed recently, or paused.
    private func knownAgentName(_ key: String) -> String? {
        registry.worker(named: key)?.name ?? registry.departed[key]?.status.name ?? agentPauses[key]?.agent
    }

    private func unknownAgent(_ name: String) -> BusError {
        let known = registry.workers.values.filter(\.isClusterAgent).map(\.name).sorted()
        return BusError(.notFound, "no agent \(name) is connected or known to the broker; agents: "
            + (known.isEmpty ? "none connected" : known.joined(separator: ", ")))
    }

    /// The key of an agent name: trimmed and lowercased, as the registry keys names.
    static func agentKey(_ name: String) -> String {
        name.trimmingCharacters(in: .whitespaces).lowercased()
    }
}

/// What the broker itself knows of an agent, for the journal to complete into an
/// `AgentDetail`: its status (nil for an agent the broker does not know) and the tasks
/// it holds.
struct AgentSnapshot: Sendable, Hashable {
    var name: String
    var status: AgentStatus?
    var running: [TaskRecord]
}
