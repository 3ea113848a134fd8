import Logging
import Wire

/// The broker's decisions as a pure state machine: who is alive, which worker gets which
/// request or task, what to retry, what timed out.
///
/// Each input is a `mutating` method that returns the actions the shell must perform;
/// the machine never touches a socket, a file or a clock. Time comes in as
/// ``BrokerTime``; task ids and jitter come from the injected functions.
///
/// ```swift
/// var state = BrokerState(configuration: config,
///                         makeTaskID: { UUID().uuidString.lowercased() },
///                         jitter: { Double.random(in: $0) })
/// run(state.restore(try journal.unfinishedTasks(), now: clock.now))
/// // per message:
/// run(state.receive(message, framing: framing, from: peer, existingTask: existing, now: clock.now))
/// // when the poll times out at state.nextDeadline(after: now), or after a read:
/// run(state.tick(now: clock.now, inputBacklogged: lastReadStoppedAtTheBatchLimit))
/// ```
struct BrokerState: Sendable {
    /// The configuration the machine was created with.
    let configuration: BrokerConfiguration
    let makeTaskID: @Sendable () -> String
    let jitter: @Sendable (ClosedRange<Double>) -> Double
    let rules: RoutingRules

    var registry = WorkerRegistry()
    /// Plain requests waiting for a worker, by exact service name (never empty lists).
    var waiting: [String: Deque<PlainRequest>] = [:]
    var tasks = TaskTable()
    var timers = DeadlineHeap<BrokerTimer>()
    /// Each worker's silence and busy check, judged against ``silenceHorizon``.
    var workerChecks = DeadlineHeap<WorkerCheck>()
    /// How far the shell has read its input: no worker is silent before that moment.
    var silenceHorizon: SilenceHorizon
    var nextHeartbeat: Duration
    /// The agent that last got a task of each type (affinity balancing).
    var lastAgentByTaskType: [String: String] = [:]
    var errorRate: ErrorRateMonitor
    /// Peers already logged for an invalid message: each is logged once, then counted.
    var peersLoggedInvalid: Set<PeerID> = []
    var nextRequestID: UInt64 = 1
    /// Accounts paused by a usage limit, by lowercased account key (``Worker/accountKey``).
    var accountLimits: [String: AccountLimit] = [:]
    /// Agents an operator paused or drained, by lowercased agent name; they get no new work.
    var agentPauses: [String: OperatorPause] = [:]
    /// Draining agents whose last work has ended (logged once), by lowercased name.
    var drainedAgents: Set<String> = []

    /// Running totals since start, for `mmi.info` and metrics.
    public internal(set) var counters = BrokerCounters()
    /// What runners reported spending since start, per agent and per account.
    public internal(set) var spending = SpendingLedger()
    /// Run times, queue waits, outcomes and cost by specialty and agent, for `mmi.metrics`.
    public internal(set) var statistics = TaskStatistics()
    /// Who leads the brokers sharing this journal, for `mmi.info`; nil for a single broker.
    var leadership: BrokerLeadership?

    /// A machine with no workers and no tasks.
    ///
    /// - Parameters:
    ///   - makeTaskID: returns a fresh unique task id per call.
    ///   - jitter: returns a number within the range (uniformly at random in production);
    ///     retry backoff draws from it.
    init(
        configuration: BrokerConfiguration = BrokerConfiguration(),
        makeTaskID: @escaping @Sendable () -> String,
        jitter: @escaping @Sendable (ClosedRange<Double>) -> Double
    ) {
        self.configuration = configuration
        self.makeTaskID = makeTaskID
        self.jitter = jitter
        self.rules = RoutingRules(rules: configuration.routingRules, defaultSpecialty: configuration.defaultSpecialty)
        self.nextHeartbeat = configuration.heartbeat.interval
        self.silenceHorizon = SilenceHorizon(maximumLag: configuration.heartbeat.silenceLimit)
        self.errorRate = ErrorRateMonitor(policy: configuration.errorRateAlert)
    }

    /// Handles one decoded message from a peer.
    ///
    /// - Parameters:
    ///   - framing: the framing the message used; answers to it use the same.
    ///   - existingTask: for an `mmi.task.submit` with an idempotency key
    ///     (``idempotencyKey(of:)``), the journal's task with that key, if any.
    ///   - parentTask: for an `mmi.task.submit` of a follow-up (``parentTaskID(of:)``), the
    ///     journal's record of the task it follows up, if any.
    mutating func receive(
        _ message: MDPMessage, framing: MDPFraming, from peer: PeerID,
        existingTask: TaskRecord? = nil, parentTask: TaskRecord? = nil, now: BrokerTime
    ) -> [BrokerAction] {
        var actions: [BrokerAction] = []
        switch message {
        case .client(.request(let service, let body)):
            refreshIfWorker(peer, now: now)
            clientRequest(service: service, body: body, framing: framing, from: peer,
                          existingTask: existingTask, parentTask: parentTask, now: now, into: &actions)
        case .client(let command):
            refreshIfWorker(peer, now: now)
            reject(peer, reason: "a client may only send REQUEST, not \(command.kind.name)", into: &actions)
        case .worker(let command):
            workerCommand(command, framing: framing, from: peer, now: now, into: &actions)
        }
        return actions
    }

    /// Counts a message that did not decode, logging the first one from each peer.
    mutating func rejectInvalid(from peer: PeerID, reason: String, now: BrokerTime) -> [BrokerAction] {
        var actions: [BrokerAction] = []
        reject(peer, reason: reason, into: &actions)
        return actions
    }

    /// The idempotency key of an `mmi.task.submit` message, if it has one: the shell looks
    /// it up in the journal and passes the task it finds as `existingTask`.
    static func idempotencyKey(of message: MDPMessage) -> String? {
        guard case .client(.request(let service, let body)) = message, service == ClusterService.taskSubmit,
              let request = try? ClusterService.TaskSubmit.decodeRequest(body)
        else { return nil }
        return request.payload.idempotencyKey
    }

    mutating func reject(_ peer: PeerID, reason: String, into actions: inout [BrokerAction]) {
        counters.invalidMessages += 1
        guard !peersLoggedInvalid.contains(peer) else { return }
        // Bounded: a flood of fresh identities must not grow memory without limit.
        if peersLoggedInvalid.count >= 10_000 { peersLoggedInvalid.removeAll() }
        peersLoggedInvalid.insert(peer)
        actions.append(.log(.warning, "dropped an invalid message from peer \(peer): \(reason) "
            + "(later invalid messages from this peer are counted, not logged)"))
    }
}
