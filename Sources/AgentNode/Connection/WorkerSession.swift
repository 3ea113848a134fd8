import Wire

/// The agent's side of its broker connection as a pure state machine: registration,
/// heartbeats both ways, reconnect with exponential backoff across broker endpoints,
/// and an outbox that keeps results while no broker is reachable.
///
/// It never touches a socket or reads a clock: each input takes `now` and returns the
/// actions for `AgentConnection` to carry out (Paranoid Pirate, 18/MDP worker side).
struct WorkerSession: Sendable {
    /// Timings and identity; defaults follow DESIGN.md (1 s heartbeat, liveness 3,
    /// reconnect 1 s doubling to 32 s).
    struct Configuration: Sendable {
        var endpoints: [String]
        var service: String
        /// Sent as the READY extension frame; nil makes a plain 18/MDP worker.
        var info: AgentInfo?
        var heartbeatInterval: Duration
        var liveness: Int
        var reconnectInitial: Duration
        var reconnectMax: Duration
        /// Progress updates kept while disconnected (results are always kept).
        var outboxProgressLimit: Int

        init(
            endpoints: [String],
            service: String,
            info: AgentInfo?,
            heartbeatInterval: Duration = .seconds(1),
            liveness: Int = 3,
            reconnectInitial: Duration = .seconds(1),
            reconnectMax: Duration = .seconds(32),
            outboxProgressLimit: Int = 1_000
        ) {
            self.endpoints = endpoints
            self.service = service
            self.info = info
            self.heartbeatInterval = heartbeatInterval
            self.liveness = liveness
            self.reconnectInitial = reconnectInitial
            self.reconnectMax = reconnectMax
            self.outboxProgressLimit = outboxProgressLimit
        }
    }

    /// Where the connection is.
    enum Phase: Sendable, Equatable {
        /// No socket; the next attempt is due at `retryAt`.
        case waiting(retryAt: ContinuousClock.Instant)
        /// READY sent on `endpoints[endpointIndex]`; the broker was last heard at `lastHeard`.
        case registered(lastHeard: ContinuousClock.Instant, nextHeartbeat: ContinuousClock.Instant)
        /// Shut down: no socket, no reconnect.
        case stopped
    }

    let configuration: Configuration
    private(set) var phase: Phase
    private(set) var endpointIndex = 0
    /// The wait before the next reconnect; doubles on each failure, resets when the broker answers.
    private(set) var backoff: Duration
    /// Replies not yet handed to a socket, oldest first.
    private(set) var outbox: [MDPWorkerCommand] = []
    /// The latest load, carried by every heartbeat.
    var load: AgentLoad?
    private var heardSinceConnect = false

    init(configuration: Configuration, now: ContinuousClock.Instant) {
        self.configuration = configuration
        self.phase = .waiting(retryAt: now)
        self.backoff = configuration.reconnectInitial
    }

    var isRegistered: Bool {
        if case .registered = phase { true } else { false }
    }

    var currentEndpoint: String { configuration.endpoints[endpointIndex] }

    private var expiry: Duration { configuration.heartbeatInterval * configuration.liveness }

    private var readyCommand: MDPWorkerCommand {
        .ready(service: configuration.service, extensions: configuration.info.map { [JSONWire.encode($0)] } ?? [])
    }

    private var heartbeatCommand: MDPWorkerCommand {
        .heartbeat(extensions: configuration.info != nil ? load.map { [JSONWire.encode($0)] } ?? [] : [])
    }

    /// Timers: connect when due, send heartbeats, give up on a silent broker.
    mutating func tick(now: ContinuousClock.Instant) -> [WorkerSessionAction] {
        switch phase {
        case .waiting(let retryAt):
            guard now >= retryAt else { return [] }
            return connect(now: now)
        case .registered(let lastHeard, let nextHeartbeat):
            if now - lastHeard >= expiry {
                return reconnect(now: now, reason: "no message from the broker at \(currentEndpoint) for \(now - lastHeard)")
            }
            guard now >= nextHeartbeat else { return [] }
            phase = .registered(lastHeard: lastHeard, nextHeartbeat: now + configuration.heartbeatInterval)
            return [.send(heartbeatCommand)]
        case .stopped:
            return []
        }
    }

    /// The earliest time `tick` has something to do.
    func nextDeadline() -> ContinuousClock.Instant? {
        switch phase {
        case .waiting(let retryAt): retryAt
        case .registered(let lastHeard, let nextHeartbeat): min(nextHeartbeat, lastHeard + expiry)
        case .stopped: nil
        }
    }

    private mutating func connect(now: ContinuousClock.Instant) -> [WorkerSessionAction] {
        phase = .registered(lastHeard: now, nextHeartbeat: now + configuration.heartbeatInterval)
        heardSinceConnect = false
        var actions: [WorkerSessionAction] = [.openSocket(endpoint: currentEndpoint), .send(readyCommand)]
        actions += outbox.map { .send($0) }
        outbox.removeAll()
        return actions
    }

    /// Drops the socket, moves to the next endpoint, and waits `backoff` before trying it.
    private mutating func reconnect(now: ContinuousClock.Instant, reason: String) -> [WorkerSessionAction] {
        let wait = backoff
        backoff = min(backoff * 2, configuration.reconnectMax)
        endpointIndex = (endpointIndex + 1) % configuration.endpoints.count
        phase = .waiting(retryAt: now + wait)
        return [
            .closeSocket,
            .log(.warning, "\(reason); reconnecting to \(currentEndpoint) in \(wait)"),
        ]
    }

    /// A command from the broker.
    mutating func received(_ command: MDPWorkerCommand, now: ContinuousClock.Instant) -> [WorkerSessionAction] {
        guard case .registered(_, let nextHeartbeat) = phase else { return [] }
        phase = .registered(lastHeard: now, nextHeartbeat: nextHeartbeat)
        if !heardSinceConnect {
            heardSinceConnect = true
            backoff = configuration.reconnectInitial
        }
        switch command {
        case .heartbeat:
            return []
        case .request(let envelope, let body):
            return [.deliver(envelope: envelope, body: body)]
        case .disconnect:
            // 18/MDP: the broker forgot us (it restarted, or we timed out): register afresh at once.
            var actions: [WorkerSessionAction] = [.closeSocket, .log(.notice, "the broker at \(currentEndpoint) sent DISCONNECT; registering again")]
            actions += connect(now: now)
            return actions
        case .ready, .partial, .final:
            return [.log(.warning, "ignored a \(command.kind) from the broker: only workers send that")]
        }
    }

    /// A reply to send: now when registered, else kept for the next connection.
    mutating func reply(_ command: MDPWorkerCommand) -> [WorkerSessionAction] {
        if isRegistered { return [.send(command)] }
        if case .partial = command {
            let kept = outbox.filter { if case .partial = $0 { true } else { false } }.count
            if kept >= configuration.outboxProgressLimit {
                if let oldest = outbox.firstIndex(where: { if case .partial = $0 { true } else { false } }) {
                    outbox.remove(at: oldest)
                }
            }
        }
        outbox.append(command)
        return []
    }

    /// The socket refused a send (the connection is gone): keep the command and reconnect.
    mutating func sendFailed(_ command: MDPWorkerCommand, now: ContinuousClock.Instant, reason: String) -> [WorkerSessionAction] {
        switch command {
        case .partial, .final: outbox.append(command)
        case .ready, .request, .heartbeat, .disconnect: break
        }
        guard isRegistered else { return [] }
        return reconnect(now: now, reason: "sending to \(currentEndpoint) failed (\(reason))")
    }

    /// Says goodbye to the broker (18/MDP DISCONNECT) before shutting down.
    mutating func disconnect() -> [WorkerSessionAction] {
        let wasRegistered = isRegistered
        phase = .stopped
        return wasRegistered ? [.send(.disconnect(extensions: [])), .closeSocket] : []
    }
}
