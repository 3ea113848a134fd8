import Wire

/// The registered workers, indexed by peer, by service, by task queue key and by agent
/// name; and the agents that left recently, kept to be listed as offline.
///
/// Workers enter and leave only through ``register(_:)`` and ``remove(_:)``, which keep
/// the indexes in step; ``modify(_:_:)`` changes a worker's mutable fields in place.
struct WorkerRegistry: Sendable {
    /// A cluster agent that left, as it was last seen.
    struct Departed: Sendable {
        var status: AgentStatus
        var departedAt: Duration
    }

    private(set) var workers: [PeerID: Worker] = [:]
    /// Exact service name to its workers, in registration order (plain requests, 8/MMI).
    private(set) var serviceMembers: [String: [PeerID]] = [:]
    /// Lowercased task queue key to its workers, in registration order.
    private(set) var keyMembers: [String: [PeerID]] = [:]
    /// Lowercased agent name to the worker holding the name.
    private(set) var byName: [String: PeerID] = [:]
    /// Lowercased agent name to the agent that left.
    var departed: [String: Departed] = [:]
    /// Round-robin position per service or queue key.
    private var cursors: [String: Int] = [:]
    private(set) var nextGeneration = 1

    subscript(peer: PeerID) -> Worker? { workers[peer] }

    /// Whether `peer` is a registered worker (without copying the worker out).
    func contains(_ peer: PeerID) -> Bool { workers.index(forKey: peer) != nil }

    var count: Int { workers.count }

    /// A fresh generation number for a new registration.
    mutating func takeGeneration() -> Int {
        defer { nextGeneration += 1 }
        return nextGeneration
    }

    /// Adds a worker to every index. The caller has removed any worker with the same
    /// peer or the same agent name first.
    mutating func register(_ worker: Worker) {
        workers[worker.peer] = worker
        for service in worker.services { serviceMembers[service, default: []].append(worker.peer) }
        for key in worker.taskKeys { keyMembers[key, default: []].append(worker.peer) }
        if worker.isClusterAgent {
            byName[worker.name.lowercased()] = worker.peer
            departed[worker.name.lowercased()] = nil
        }
    }

    /// Removes a worker from every index and returns it.
    mutating func remove(_ peer: PeerID) -> Worker? {
        guard let worker = workers.removeValue(forKey: peer) else { return nil }
        for service in worker.services {
            serviceMembers[service]?.removeAll { $0 == peer }
            if serviceMembers[service]?.isEmpty == true { serviceMembers[service] = nil }
        }
        for key in worker.taskKeys {
            keyMembers[key]?.removeAll { $0 == peer }
            if keyMembers[key]?.isEmpty == true { keyMembers[key] = nil }
        }
        if worker.isClusterAgent, byName[worker.name.lowercased()] == peer {
            byName[worker.name.lowercased()] = nil
        }
        return worker
    }

    /// Runs `body` on the worker in place; nil when there is no such worker.
    @discardableResult
    mutating func modify<Result>(_ peer: PeerID, _ body: (inout Worker) -> Result) -> Result? {
        guard let index = workers.index(forKey: peer) else { return nil }
        return body(&workers.values[index])
    }

    /// The peers of the workers sharing an account key, in registration order.
    func peers(ofAccount key: String) -> [PeerID] {
        workers.values.filter { $0.accountKey == key }.sorted { $0.generation < $1.generation }.map(\.peer)
    }

    /// Every worker's peer and framing in registration order, and how many of them are
    /// cluster agents: what a heartbeat round needs, read in place rather than by copying
    /// each worker (a thousand agents made that most of an idle broker's own work).
    func heartbeatTargets() -> (targets: [(generation: Int, peer: PeerID, framing: MDPFraming)], clusterAgents: Int) {
        var targets: [(generation: Int, peer: PeerID, framing: MDPFraming)] = []
        targets.reserveCapacity(workers.count)
        var agents = 0
        for index in workers.indices {
            targets.append((workers.values[index].generation, workers.keys[index], workers.values[index].framing))
            if workers.values[index].isClusterAgent { agents += 1 }
        }
        targets.sort { $0.generation < $1.generation }
        return (targets, agents)
    }

    /// The peer of the worker registered under an agent name (any case).
    func peer(named name: String) -> PeerID? { byName[name.lowercased()] }

    /// The worker registered under an agent name (any case).
    func worker(named name: String) -> Worker? {
        byName[name.lowercased()].flatMap { workers[$0] }
    }

    /// Whether any worker serves this exact service name.
    func serves(_ service: String) -> Bool { serviceMembers[service] != nil }

    /// Whether a lowercased name is a live or recently departed agent.
    func knowsAgent(_ key: String) -> Bool { byName[key] != nil || departed[key] != nil }

    /// Whether a lowercased name is a specialty some worker serves.
    func knowsSpecialty(_ key: String) -> Bool {
        guard let members = keyMembers[key] else { return false }
        return members.contains { workers[$0]?.services.contains { $0.lowercased() == key } == true }
    }

    /// Picks a worker with a free slot among those serving an exact service name.
    mutating func pick(service: String, strategy: BalancingStrategy) -> PeerID? {
        pick(from: serviceMembers[service] ?? [], cursorKey: "s:" + service, strategy: strategy, preferred: nil)
    }

    /// Picks a worker with a free slot among those serving a task queue key.
    mutating func pick(key: String, strategy: BalancingStrategy, preferred: String?) -> PeerID? {
        pick(from: keyMembers[key] ?? [], cursorKey: "k:" + key, strategy: strategy, preferred: preferred)
    }

    private mutating func pick(
        from members: [PeerID], cursorKey: String, strategy: BalancingStrategy, preferred: String?
    ) -> PeerID? {
        if let peer = pickAccepting(from: members, cursorKey: cursorKey, strategy: strategy, preferred: preferred) {
            return peer
        }
        // Every agent of this queue says it cannot run tasks (its runner is missing): hand
        // the task to one of them anyway, so it fails with the agent's own explanation
        // instead of waiting where nobody sees why.
        guard !members.contains(where: { workers[$0]?.acceptsWork == true }) else { return nil }
        // Never to an agent paused by a usage limit or by an operator: the task waits.
        return members.first { peer in
            workers[peer].map { !$0.usageLimited && !$0.paused && $0.inFlight < $0.capacity } ?? false
        }
    }

    private mutating func pickAccepting(
        from members: [PeerID], cursorKey: String, strategy: BalancingStrategy, preferred: String?
    ) -> PeerID? {
        guard !members.isEmpty else { return nil }
        switch strategy {
        case .roundRobin:
            let start = cursors[cursorKey] ?? 0
            for step in 0..<members.count {
                let index = (start + step) % members.count
                if workers[members[index]]?.hasFreeSlot == true {
                    cursors[cursorKey] = index + 1
                    return members[index]
                }
            }
            return nil
        case .affinity:
            if let preferred, let peer = byName[preferred.lowercased()], members.contains(peer),
               workers[peer]?.hasFreeSlot == true {
                return peer
            }
            return leastLoaded(members)
        case .leastLoaded:
            return leastLoaded(members)
        }
    }

    /// The worker with a free slot that holds the least work, then reports the least CPU
    /// and memory, then registered first. Called once per dispatched request, so it reads
    /// the workers in place instead of copying each one out of the dictionary.
    private func leastLoaded(_ members: [PeerID]) -> PeerID? {
        var best: Dictionary<PeerID, Worker>.Index?
        for peer in members {
            guard let index = workers.index(forKey: peer), workers.values[index].hasFreeSlot else { continue }
            if let current = best, !Self.lessLoaded(workers.values[index], than: workers.values[current]) { continue }
            best = index
        }
        return best.map { workers.keys[$0] }
    }

    private static func lessLoaded(_ lhs: Worker, than rhs: Worker) -> Bool {
        if lhs.inFlight != rhs.inFlight { return lhs.inFlight < rhs.inFlight }
        let lhsCPU = lhs.load?.cpuPercent ?? 0, rhsCPU = rhs.load?.cpuPercent ?? 0
        if lhsCPU != rhsCPU { return lhsCPU < rhsCPU }
        let lhsRSS = lhs.load?.rssBytes ?? 0, rhsRSS = rhs.load?.rssBytes ?? 0
        if lhsRSS != rhsRSS { return lhsRSS < rhsRSS }
        return lhs.generation < rhs.generation
    }
}
