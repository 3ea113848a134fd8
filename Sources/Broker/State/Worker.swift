import Foundation
import Wire

/// One registered worker: a plain MDP worker, or a cluster agent that sent `AgentInfo`.
struct Worker: Sendable {
    let peer: PeerID
    /// Unique per registration, so timers of an earlier registration of the same peer
    /// are recognised as stale.
    let generation: Int
    /// The READY service.
    let service: String
    /// The framing of its READY: every command to it uses it.
    let framing: MDPFraming
    /// Present for cluster agents.
    let info: AgentInfo?
    /// The agent name, or the identity in hex for a plain worker.
    let name: String
    /// How many requests and tasks it may hold at once.
    let capacity: Int
    /// Exact service names it serves: the READY service, then the other specialties.
    let services: [String]
    /// Lowercased task queue keys it serves: its specialties and its own name.
    let taskKeys: [String]
    let registeredAt: Date
    /// Lowercased: the agent's `AgentInfo.account`, else its own name (an account of its
    /// own). Workers with the same key share usage-limit pauses.
    let accountKey: String

    var load: AgentLoad?
    var lastHeard: Duration
    var lastHeardWall: Date
    /// Plain requests it holds, oldest first.
    var requests: [PlainRequest] = []
    /// Tasks it holds: task id to attempt.
    var tasks: [String: Int] = [:]
    /// Slots still reserved by cancelled or timed-out attempts until their FINAL arrives.
    var releasing: [String: SlotRelease] = [:]
    /// Whether its last load report was over a resource limit (alerts fire on the edge).
    var overLimit = false
    /// Whether its account is paused by a usage limit: it is sent no work meanwhile.
    var usageLimited = false
    /// Whether an operator paused or drained it: it is sent no new work meanwhile.
    var paused = false
    /// The deadline of its one live ``WorkerCheck`` entry; other entries are stale.
    var nextCheck: Duration?
    /// When it was last given work, as ``WorkerRegistry``'s sequence number; 0: never.
    var lastGiven: UInt64 = 0
    /// Its rank for least-loaded balancing while it has a free slot (``LoadRank``).
    var rank: LoadRank?
    /// Its current entries in the ``LoadQueue``s carry this stamp; others are stale.
    var rankStamp: UInt64 = 0
    /// When the shell saw its connection close; it is sent no work until it comes back,
    /// and is removed when the disconnect grace ends.
    var connectionLostAt: Duration?

    var isClusterAgent: Bool { info != nil }
    /// False while its runner cannot start: such an agent is sent no work.
    var acceptsWork: Bool { info?.runnerAvailable ?? true }
    var inFlight: Int { requests.count + tasks.count + releasing.count }
    var hasFreeSlot: Bool { acceptsWork && !usageLimited && !paused && connectionLostAt == nil && inFlight < capacity }
    /// The account as the agent names it (or its own name).
    var accountName: String { Self.accountName(info: info) ?? name }

    init(peer: PeerID, generation: Int, service: String, framing: MDPFraming, info: AgentInfo?, now: BrokerTime) {
        self.peer = peer
        self.generation = generation
        self.service = service
        self.framing = framing
        self.info = info
        self.name = info?.name ?? peer.hexName
        self.capacity = max(info?.capacity ?? 1, 1)
        var services = [service]
        for specialty in info?.specialties ?? [] where !specialty.isEmpty && !services.contains(specialty) {
            services.append(specialty)
        }
        self.services = services
        var keys: [String] = []
        for key in services.map({ $0.lowercased() }) + (info.map { [$0.name.lowercased()] } ?? []) where !keys.contains(key) {
            keys.append(key)
        }
        self.taskKeys = keys
        self.accountKey = (Self.accountName(info: info) ?? name).lowercased()
        self.registeredAt = now.wall
        self.lastHeard = now.uptime
        self.lastHeardWall = now.wall
    }

    /// When it is dead unless heard from again.
    func expiry(_ policy: HeartbeatPolicy) -> Duration { lastHeard + policy.silenceLimit }

    private static func accountName(info: AgentInfo?) -> String? {
        guard let account = info?.account?.trimmingCharacters(in: .whitespaces), !account.isEmpty else { return nil }
        return account
    }

    /// Its entry in `mmi.agents`; `limit` is its account's pause, if any.
    func status(runningTasks: [String], limit: AccountLimit? = nil) -> AgentStatus {
        AgentStatus(
            name: name,
            specialty: service,
            specialties: services,
            state: !acceptsWork ? .offline : (inFlight >= capacity ? .busy : .healthy),
            lastHeartbeat: lastHeardWall,
            runningTasks: runningTasks,
            capacity: capacity,
            load: load,
            runnerProblem: info?.runnerProblem,
            version: info?.version,
            host: info?.host,
            isClusterAgent: isClusterAgent,
            account: info?.account,
            limitedUntil: limit?.until,
            limitKind: limit?.kind)
    }
}

/// A slot held by an attempt the broker gave up on (cancelled, timed out, decided by
/// another attempt): the agent is still busy with it until its FINAL, or until `until`.
struct SlotRelease: Sendable, Hashable {
    var attempt: Int
    var until: Duration
}
