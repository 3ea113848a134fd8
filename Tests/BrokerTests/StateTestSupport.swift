@testable import Broker
import Foundation
import Testing
import Wire

/// Sequential task ids `t1`, `t2`, ... for deterministic tests.
final class TaskIDSequence: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0

    func make() -> String {
        lock.lock()
        defer { lock.unlock() }
        next += 1
        return "t\(next)"
    }
}

/// Drives a `BrokerState` by hand with a manual clock, like a shell would.
struct StateHarness {
    var state: BrokerState
    var now = BrokerTime(uptime: .zero, wall: Date(timeIntervalSince1970: 1_700_000_000))
    private var correlation = 0

    /// A harness; jitter defaults to the top of its range, so backoff is exactly
    /// `base × 2^(attempt-1)` (capped).
    init(_ configuration: BrokerConfiguration = BrokerConfiguration(),
         jitter: @escaping @Sendable (ClosedRange<Double>) -> Double = { $0.upperBound }) {
        let ids = TaskIDSequence()
        state = BrokerState(configuration: configuration, makeTaskID: { ids.make() }, jitter: jitter)
    }

    mutating func receive(_ message: MDPMessage, framing: MDPFraming = .spec, from peer: PeerID,
                          existingTask: TaskRecord? = nil) -> [BrokerAction] {
        state.receive(message, framing: framing, from: peer, existingTask: existingTask, now: now)
    }

    /// Moves the clock and runs a tick.
    mutating func advance(_ duration: Duration) -> [BrokerAction] {
        now = now.advanced(by: duration)
        return state.tick(now: now)
    }

    /// Moves the clock in heartbeat-sized steps, ticking and letting `alive` heartbeat each
    /// step, as a real shell and live workers would.
    mutating func run(for duration: Duration, step: Duration = .seconds(1), alive: [PeerID] = []) -> [BrokerAction] {
        var actions: [BrokerAction] = []
        var elapsed = Duration.zero
        while elapsed < duration {
            let move = min(step, duration - elapsed)
            elapsed += move
            actions += advance(move)
            for peer in alive { actions += receive(.worker(.heartbeat(extensions: [])), from: peer) }
        }
        return actions
    }

    @discardableResult
    mutating func ready(_ peer: PeerID, service: String, info: AgentInfo? = nil, framing: MDPFraming = .spec) -> [BrokerAction] {
        receive(.worker(.ready(service: service, extensions: info.map { [JSONWire.encode($0)] } ?? [])),
                framing: framing, from: peer)
    }

    /// Registers a cluster agent named `name` serving `service`.
    @discardableResult
    mutating func agent(_ name: String, service: String, capacity: Int = 1) -> (PeerID, [BrokerAction]) {
        let peer = PeerID(Frame("peer-" + name))
        let info = AgentInfo(name: name, specialties: [service], capacity: capacity, version: "test", host: "localhost")
        return (peer, ready(peer, service: service, info: info))
    }

    /// Sends a management call and returns the actions.
    mutating func call<Call: BusCall>(_ call: Call.Type, _ payload: Call.Payload, from client: PeerID = .client,
                                      existingTask: TaskRecord? = nil) -> [BrokerAction] {
        correlation += 1
        return receive(.client(call.request(id: "c\(correlation)", payload: payload)), from: client, existingTask: existingTask)
    }

    /// Submits a task and returns the record the broker acknowledged.
    mutating func submit(_ spec: TaskSpec, existingTask: TaskRecord? = nil) -> (TaskRecord?, [BrokerAction]) {
        let actions = call(ClusterService.TaskSubmit.self, spec, existingTask: existingTask)
        let record = actions.busReplies(ClusterService.TaskSubmit.self, to: .client).first.flatMap { try? $0.get() }
        return (record, actions)
    }

    /// A worker's FINAL for a task attempt carrying a `TaskCompletion`.
    mutating func complete(_ taskID: String, attempt: Int = 1, from peer: PeerID, outcome: TaskResult.Outcome = .succeeded,
                           summary: String = "done") -> [BrokerAction] {
        let completion = TaskCompletion(taskID: taskID, attempt: attempt, agent: peer.description,
                                        result: TaskResult(outcome: outcome, summary: summary))
        return receive(.worker(.final(envelope: [Frame("@task:\(taskID):\(attempt)")], body: [JSONWire.encode(completion)])),
                       from: peer)
    }

    /// A worker's PARTIAL for a task attempt carrying a `ProgressUpdate`.
    mutating func progress(_ taskID: String, attempt: Int = 1, from peer: PeerID, sequence: Int = 1,
                           message: String = "working") -> [BrokerAction] {
        let update = ProgressUpdate(taskID: taskID, attempt: attempt, sequence: sequence, kind: .text, message: message, at: now.wall)
        return receive(.worker(.partial(envelope: [Frame("@task:\(taskID):\(attempt)")], body: [JSONWire.encode(update)])),
                       from: peer)
    }
}

extension PeerID {
    static let client = PeerID(Frame("client-1"))
    static let otherClient = PeerID(Frame("client-2"))
    static let workerA = PeerID(Frame("worker-a"))
    static let workerB = PeerID(Frame("worker-b"))
}

extension Array where Element == BrokerAction {
    /// The decoded messages sent to `peer`, with their framing.
    func sent(to peer: PeerID) -> [(message: MDPMessage, framing: MDPFraming)] {
        compactMap { action in
            guard case .send(let target, let frames) = action, target == peer else { return nil }
            return try? MDPCodec.decode(frames)
        }
    }

    /// The decoded messages sent to `peer`.
    func messages(to peer: PeerID) -> [MDPMessage] { sent(to: peer).map(\.message) }

    /// Every peer that was sent something.
    var recipients: [PeerID] {
        compactMap { if case .send(let peer, _) = $0 { peer } else { nil } }
    }

    /// Worker REQUESTs sent to `peer`.
    func workerRequests(to peer: PeerID) -> [(envelope: [Frame], body: [Frame])] {
        messages(to: peer).compactMap { message in
            if case .worker(.request(let envelope, let body)) = message { return (envelope, body) }
            return nil
        }
    }

    /// Task assignments sent to `peer`.
    func assignments(to peer: PeerID) -> [TaskAssignment] {
        workerRequests(to: peer).compactMap { request in
            guard case .assignment(let assignment)? = try? AgentRequest(body: request.body) else { return nil }
            return assignment
        }
    }

    /// Task cancellations sent to `peer`.
    func cancellations(to peer: PeerID) -> [TaskCancellation] {
        workerRequests(to: peer).compactMap { request in
            guard request.envelope == TaskCancellation.controlEnvelope,
                  case .cancel(let cancel)? = try? AgentRequest(body: request.body) else { return nil }
            return cancel
        }
    }

    /// Whether `peer` was sent a DISCONNECT.
    func disconnected(_ peer: PeerID) -> Bool {
        messages(to: peer).contains { if case .worker(.disconnect) = $0 { true } else { false } }
    }

    /// Client FINALs sent to `peer`: service and body.
    func finals(to peer: PeerID) -> [(service: String, body: [Frame])] {
        messages(to: peer).compactMap { message in
            if case .client(.final(let service, let body)) = message { return (service, body) }
            return nil
        }
    }

    /// `BusReply` bodies of one call sent to `peer`.
    func busReplies<Call: BusCall>(_ call: Call.Type, to peer: PeerID) -> [BusReply<Call.Result>] {
        finals(to: peer).compactMap { try? call.decodeReply($0.body) }
    }

    /// `BusReply` failures of any call sent to `peer`.
    func busErrors(to peer: PeerID) -> [(id: String, error: BusError)] {
        finals(to: peer).compactMap { final in
            guard let reply = try? JSONWire.decode(BusReply<EmptyPayload>.self, from: final.body.first ?? .empty),
                  case .failure(let error) = reply.outcome else { return nil }
            return (reply.id, error)
        }
    }

    /// The journal writes, in order.
    var journalWrites: [JournalWrite] {
        compactMap { if case .journal(let write) = $0 { write } else { nil } }
    }

    /// Records upserted, in order.
    var upserts: [TaskRecord] {
        journalWrites.compactMap { if case .upsertTask(let task) = $0 { task.record } else { nil } }
    }

    /// Results recorded, in order.
    var results: [(taskID: String, attempt: Int, result: TaskResult)] {
        journalWrites.compactMap { if case .recordResult(let id, let attempt, let result) = $0 { (id, attempt, result) } else { nil } }
    }

    /// Published messages, in order.
    var published: [PublishedMessage] {
        compactMap { if case .publish(let message) = $0 { message } else { nil } }
    }

    /// Decoded cluster events (not broadcasts), in order.
    var events: [ClusterEvent] {
        published.filter { !$0.topic.hasPrefix("broadcast.") }.compactMap { try? JSONWire.decode(ClusterEvent.self, from: $0.body) }
    }

    /// Published task state changes: task id and new state.
    var stateChanges: [(id: String, state: TaskState)] {
        events.compactMap { event in
            if case .taskState(let record, _) = event.payload { return (record.id, record.state) }
            return nil
        }
    }

    /// Published alerts.
    var alerts: [Alert] {
        events.compactMap { if case .alert(let alert) = $0.payload { alert } else { nil } }
    }

    /// Queries handed to the shell.
    var queries: [BrokerQuery] {
        compactMap { if case .query(let query) = $0 { query } else { nil } }
    }

    /// Log lines.
    var logs: [(level: String, text: String)] {
        compactMap { if case .log(let level, let text) = $0 { ("\(level)", text) } else { nil } }
    }
}

extension BrokerConfiguration {
    /// The defaults with a short request expiry and busy timeout for tests.
    static func testing(
        balancing: BalancingStrategy = .leastLoaded, maxAttempts: Int = 3, maxDeliveries: Int = 10
    ) -> BrokerConfiguration {
        BrokerConfiguration(
            requestExpiry: .seconds(5), busyWorkerTimeout: .seconds(20),
            taskTimeout: .seconds(60), taskTimeoutGrace: .seconds(5),
            retry: RetryPolicy(baseDelay: .seconds(2), maxDelay: .seconds(60), maxAttempts: maxAttempts),
            maxDeliveries: maxDeliveries, balancing: balancing)
    }
}

extension BrokerState {
    /// The id of the unfinished task with this title.
    func idOfTask(titled title: String) -> String? {
        tasks.tasks.values.first { $0.record.spec.title == title }?.record.id
    }
}
