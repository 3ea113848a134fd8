import Wire

/// The agent's side of its broker connection as a pure state machine: registration,
/// heartbeats both ways, reconnecting to whichever broker endpoint answers first, holding
/// what is to be sent until a fresh connection is up, and an outbox that keeps results
/// while no broker is reachable.
///
/// It never touches a socket or reads a clock: each input takes `now` and returns the
/// actions for `AgentConnection` to carry out (Paranoid Pirate, 18/MDP worker side). A
/// connection attempt opens a socket to **every** endpoint at once
/// (``WorkerSessionAction/openSockets(endpoints:)``); the shell keeps the first whose
/// connection comes up (writable, with `ZMQ_IMMEDIATE`) and reports it with
/// ``connected(to:)``. Of several brokers sharing a journal only the active one binds, so
/// after a takeover the agent is connected as soon as the new active listens, with no
/// rotation through dead endpoints.
///
/// When a connection that worked ends (the shell saw its TCP connection close, or the
/// broker fell silent) the agent connects again at once; the backoff (`reconnectInitial`,
/// doubling to `reconnectMax`) is only for attempts after which no broker answered, and
/// it starts afresh as soon as one does.
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
        /// READY sent, or waiting for a connection to send it on; the broker was last heard
        /// at `lastHeard` (while connecting: when the attempt began).
        case registered(lastHeard: ContinuousClock.Instant, nextHeartbeat: ContinuousClock.Instant)
        /// Shut down: no socket, no reconnect.
        case stopped
    }

    let configuration: Configuration
    private(set) var phase: Phase
    /// The endpoint connected to last (or being connected to), listed first on the next attempt.
    private(set) var endpointIndex = 0
    /// The wait after an attempt no broker answered; doubles on each, resets when a broker answers.
    private(set) var backoff: Duration
    /// Replies not yet handed to a socket, oldest first.
    private(set) var outbox: [MDPWorkerCommand] = []
    /// Commands for the current socket held until its connection is up (READY first), in
    /// order; empty once connected. READY never waits in a pipe to a broker that is not
    /// there, and results held here go back to the outbox if the socket is given up.
    private(set) var unsent: [MDPWorkerCommand] = []
    /// True from opening a socket until ``connected()`` reports its connection up.
    private(set) var isConnecting = false
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
                let reason = isConnecting
                    ? "no broker connection came up at \(configuration.endpoints.joined(separator: ", ")) in \(now - lastHeard)"
                    : "no message from the broker at \(currentEndpoint) for \(now - lastHeard)"
                return reconnect(now: now, reason: reason)
            }
            guard now >= nextHeartbeat else { return [] }
            phase = .registered(lastHeard: lastHeard, nextHeartbeat: now + configuration.heartbeatInterval)
            // A heartbeat is news only on a live connection: READY, when it goes, says more.
            return isConnecting ? [] : [.send(heartbeatCommand)]
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

    /// Opens a socket to every endpoint, the last one that worked first; READY and the
    /// outbox wait for the first connection that comes up.
    private mutating func connect(now: ContinuousClock.Instant) -> [WorkerSessionAction] {
        phase = .registered(lastHeard: now, nextHeartbeat: now + configuration.heartbeatInterval)
        heardSinceConnect = false
        isConnecting = true
        unsent = [readyCommand] + outbox
        outbox.removeAll()
        let endpoints = configuration.endpoints
        return [.openSockets(endpoints: Array(endpoints[endpointIndex...] + endpoints[..<endpointIndex]))]
    }

    /// Drops the socket and connects again: at once when the broker had answered on it (it
    /// died or restarted, and another broker may be taking over), after `backoff` when the
    /// attempt got no answer from any broker.
    private mutating func reconnect(now: ContinuousClock.Instant, reason: String) -> [WorkerSessionAction] {
        let wait: Duration
        if heardSinceConnect {
            wait = .zero
        } else {
            wait = backoff
            backoff = min(backoff * 2, configuration.reconnectMax)
        }
        phase = .waiting(retryAt: now + wait)
        let target = configuration.endpoints.count == 1 ? currentEndpoint : "every broker endpoint"
        return [
            closeSocket(),
            .log(.warning, wait == .zero ? "\(reason); reconnecting to \(target) now" : "\(reason); reconnecting to \(target) in \(wait)"),
        ]
    }

    /// The shell saw the connection of the socket in use close (the broker's process
    /// ended, or its host reset the connection): connect again without waiting for the
    /// heartbeats to run out.
    mutating func connectionClosed(now: ContinuousClock.Instant) -> [WorkerSessionAction] {
        guard isRegistered, !isConnecting else { return [] }
        return reconnect(now: now, reason: "the connection to the broker at \(currentEndpoint) closed")
    }

    /// A command from the broker.
    mutating func received(_ command: MDPWorkerCommand, now: ContinuousClock.Instant) -> [WorkerSessionAction] {
        guard case .registered(_, let nextHeartbeat) = phase else { return [] }
        phase = .registered(lastHeard: now, nextHeartbeat: nextHeartbeat)
        if !heardSinceConnect {
            heardSinceConnect = true
            backoff = configuration.reconnectInitial
        }
        // A message came in, so the connection is up even if the shell has not said so yet.
        var actions = connected(to: nil, now: now)
        switch command {
        case .heartbeat:
            break
        case .request(let envelope, let body):
            actions.append(.deliver(envelope: envelope, body: body))
        case .disconnect:
            // 18/MDP: the broker forgot us (it restarted, or we timed out): register afresh at once.
            actions += [closeSocket(), .log(.notice, "the broker at \(currentEndpoint) sent DISCONNECT; registering again")]
            actions += connect(now: now)
        case .ready, .partial, .final:
            actions.append(.log(.warning, "ignored a \(command.kind) from the broker: only workers send that"))
        }
        return actions
    }

    /// A reply to send: now when connected, after READY while connecting, else kept for
    /// the next connection.
    mutating func reply(_ command: MDPWorkerCommand) -> [WorkerSessionAction] {
        if isRegistered, isConnecting {
            unsent.append(command)
            return []
        }
        if isRegistered { return [.send(command)] }
        keep(command)
        return []
    }

    /// Keeps a result or progress line for the next connection; progress is bounded.
    private mutating func keep(_ command: MDPWorkerCommand) {
        if case .partial = command {
            let kept = outbox.filter { if case .partial = $0 { true } else { false } }.count
            if kept >= configuration.outboxProgressLimit {
                if let oldest = outbox.firstIndex(where: { if case .partial = $0 { true } else { false } }) {
                    outbox.remove(at: oldest)
                }
            }
        }
        outbox.append(command)
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
        guard wasRegistered else { return [] }
        // A broker that never connected has nothing to be told.
        if isConnecting { return [closeSocket()] }
        return [.send(.disconnect(extensions: [])), closeSocket()]
    }

    /// A fresh connection is up, to `endpoint` (one of those the last
    /// ``WorkerSessionAction/openSockets(endpoints:)`` named; nil: the one in use): what
    /// waited for it goes, READY first. The broker's liveness counts from now: the time
    /// spent connecting (waiting for a new active to bind) is not its silence.
    mutating func connected(to endpoint: String?, now: ContinuousClock.Instant) -> [WorkerSessionAction] {
        guard isConnecting else { return [] }
        if let endpoint, let index = configuration.endpoints.firstIndex(of: endpoint) { endpointIndex = index }
        phase = .registered(lastHeard: now, nextHeartbeat: now + configuration.heartbeatInterval)
        isConnecting = false
        let held = unsent
        unsent.removeAll()
        return held.map { .send($0) }
    }

    /// Gives up the socket. Results and progress that never left go back to the outbox for
    /// the next connection; READY and heartbeats are made afresh.
    private mutating func closeSocket() -> WorkerSessionAction {
        let held = unsent
        unsent.removeAll()
        isConnecting = false
        for command in held {
            switch command {
            case .partial, .final: keep(command)
            case .ready, .request, .heartbeat, .disconnect: continue
            }
        }
        return .closeSocket
    }
}
