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
    /// Least-loaded order of the workers with a free slot, by exact service name and by
    /// task queue key (kept for every strategy: affinity falls back to it).
    private var serviceLoad: [String: LoadQueue] = [:]
    private var keyLoad: [String: LoadQueue] = [:]
    /// How many workers of a service or key accept work at all (a runner that cannot
    /// start is fixed for a registration), so a pick that finds no free slot need not
    /// look at every worker to learn whether any of them could ever take the work.
    private var serviceAccepting: [String: Int] = [:]
    private var keyAccepting: [String: Int] = [:]
    /// The sequence behind ``Worker/lastGiven``; each time a worker is given work it
    /// takes the next number.
    private var givenSequence: UInt64 = 0
    /// The sequence behind ``Worker/rankStamp``.
    private var stampSequence: UInt64 = 0

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
        if worker.acceptsWork {
            for service in worker.services { serviceAccepting[service, default: 0] += 1 }
            for key in worker.taskKeys { keyAccepting[key, default: 0] += 1 }
        }
        if worker.isClusterAgent {
            byName[worker.name.lowercased()] = worker.peer
            departed[worker.name.lowercased()] = nil
        }
        if let index = workers.index(forKey: worker.peer) { rerank(at: index, inFlightBefore: worker.inFlight, force: true) }
    }

    /// Removes a worker from every index and returns it.
    mutating func remove(_ peer: PeerID) -> Worker? {
        guard let worker = workers.removeValue(forKey: peer) else { return nil }
        // Its load-queue entries go stale with it (no worker, no current stamp).
        for service in worker.services {
            serviceMembers[service]?.removeAll { $0 == peer }
            if worker.acceptsWork { serviceAccepting[service, default: 1] -= 1 }
            if serviceMembers[service]?.isEmpty == true {
                serviceMembers[service] = nil
                serviceLoad[service] = nil
                serviceAccepting[service] = nil
            }
        }
        for key in worker.taskKeys {
            keyMembers[key]?.removeAll { $0 == peer }
            if worker.acceptsWork { keyAccepting[key, default: 1] -= 1 }
            if keyMembers[key]?.isEmpty == true {
                keyMembers[key] = nil
                keyLoad[key] = nil
                keyAccepting[key] = nil
            }
        }
        if worker.isClusterAgent, byName[worker.name.lowercased()] == peer {
            byName[worker.name.lowercased()] = nil
        }
        return worker
    }

    /// Runs `body` on the worker in place; nil when there is no such worker. A change to
    /// what it holds or reports moves it in the least-loaded order.
    @discardableResult
    mutating func modify<Result>(_ peer: PeerID, _ body: (inout Worker) -> Result) -> Result? {
        guard let index = workers.index(forKey: peer) else { return nil }
        let inFlight = workers.values[index].inFlight
        let result = body(&workers.values[index])
        rerank(at: index, inFlightBefore: inFlight, force: false)
        return result
    }

    /// Records work given (the worker holds more than `inFlightBefore`) and, when its rank
    /// changed, gives it a fresh stamp and pushes its new entries (none while it has no
    /// free slot, so it drops out of the least-loaded order until it has one).
    private mutating func rerank(at index: Dictionary<PeerID, Worker>.Index, inFlightBefore: Int, force: Bool) {
        if workers.values[index].inFlight > inFlightBefore {
            givenSequence += 1
            workers.values[index].lastGiven = givenSequence
        }
        let rank = workers.values[index].hasFreeSlot ? LoadRank(of: workers.values[index]) : nil
        guard force || rank != workers.values[index].rank else { return }
        stampSequence += 1
        workers.values[index].rank = rank
        workers.values[index].rankStamp = stampSequence
        guard let rank else { return }
        let peer = workers.keys[index], stamp = stampSequence
        // Read-only from here on: a mutation while `current` shares the storage would copy it.
        let current = workers
        for service in current.values[index].services {
            serviceLoad[service, default: LoadQueue()].push(peer, rank: rank, stamp: stamp)
            Self.compactIfStale(&serviceLoad[service], members: serviceMembers[service]?.count ?? 0, workers: current)
        }
        for key in current.values[index].taskKeys {
            keyLoad[key, default: LoadQueue()].push(peer, rank: rank, stamp: stamp)
            Self.compactIfStale(&keyLoad[key], members: keyMembers[key]?.count ?? 0, workers: current)
        }
    }

    /// Whether a load-queue entry is its worker's current one.
    private static func isCurrent(_ workers: [PeerID: Worker], _ peer: PeerID, _ stamp: UInt64) -> Bool {
        guard let index = workers.index(forKey: peer) else { return false }
        return workers.values[index].rankStamp == stamp && workers.values[index].rank != nil
    }

    /// Keeps a queue's stale entries below its members plus a margin: agents whose load
    /// report changes with every heartbeat push an entry each time.
    private static func compactIfStale(_ queue: inout LoadQueue?, members: Int, workers: [PeerID: Worker]) {
        guard let count = queue?.count, count > 2 * members + 64 else { return }
        queue?.compact { isCurrent(workers, $0, $1) }
    }

    /// The number of entries, stale ones included, in a task queue key's load queue.
    func loadQueueCount(key: String) -> Int { keyLoad[key]?.count ?? 0 }

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
        guard let members = serviceMembers[service] else { return nil }
        let picked: PeerID?
        if strategy == .roundRobin {
            picked = roundRobin(members, cursorKey: "s:" + service)
        } else {
            picked = Self.leastLoaded(&serviceLoad[service], workers: workers)
        }
        return picked ?? pickRefusing(from: members, accepting: serviceAccepting[service] ?? 0)
    }

    /// Picks a worker with a free slot among those serving a task queue key.
    mutating func pick(key: String, strategy: BalancingStrategy, preferred: String?) -> PeerID? {
        guard let members = keyMembers[key] else { return nil }
        let picked: PeerID?
        switch strategy {
        case .roundRobin:
            picked = roundRobin(members, cursorKey: "k:" + key)
        case .affinity:
            if let preferred, let peer = byName[preferred.lowercased()], workers[peer]?.taskKeys.contains(key) == true,
               workers[peer]?.hasFreeSlot == true {
                picked = peer
            } else {
                picked = Self.leastLoaded(&keyLoad[key], workers: workers)
            }
        case .leastLoaded:
            picked = Self.leastLoaded(&keyLoad[key], workers: workers)
        }
        return picked ?? pickRefusing(from: members, accepting: keyAccepting[key] ?? 0)
    }

    /// When no worker that accepts work has a free slot: if none of them accepts work at
    /// all (every agent of this queue says its runner is missing), one of them anyway, so
    /// the task fails with the agent's own explanation instead of waiting where nobody
    /// sees why.
    private func pickRefusing(from members: [PeerID], accepting: Int) -> PeerID? {
        guard accepting == 0 else { return nil }
        // Never to an agent paused by a usage limit or by an operator, nor to one whose
        // connection closed: the task waits.
        return members.first { peer in
            workers[peer].map {
                !$0.usageLimited && !$0.paused && $0.connectionLostAt == nil && $0.inFlight < $0.capacity
            } ?? false
        }
    }

    private mutating func roundRobin(_ members: [PeerID], cursorKey: String) -> PeerID? {
        let start = cursors[cursorKey] ?? 0
        for step in 0..<members.count {
            let index = (start + step) % members.count
            if workers[members[index]]?.hasFreeSlot == true {
                cursors[cursorKey] = index + 1
                return members[index]
            }
        }
        return nil
    }

    /// The worker with a free slot and the smallest ``LoadRank``, from the group's queue.
    private static func leastLoaded(_ queue: inout LoadQueue?, workers: [PeerID: Worker]) -> PeerID? {
        queue?.first { isCurrent(workers, $0, $1) }
    }
}
