import Foundation
import Logging
import Wire

/// The socket-thread half of `AgentConnection`: carries out `WorkerSession`'s actions on
/// the DEALER and SUB sockets and feeds it what the sockets report. Every decision,
/// including what waits for a fresh socket's connection, is the session's.
///
/// While connecting it holds one DEALER per broker endpoint (``candidates``) and keeps
/// the first that becomes writable. The DEALER in use is watched by a socket monitor, so
/// that a closed connection (the broker's process died) is reported at once rather than
/// after three silent heartbeats.
final class AgentConnectionHandler: SocketLoopHandler {
    struct Settings: Sendable {
        var session: WorkerSession.Configuration
        var subscribeEndpoints: [String]
        var topics: [String]
        var security: BusClientSecurity?
        var link: BrokerLink
    }

    private let context: ZMQContext
    private let settings: Settings
    private let events: AsyncStream<AgentConnectionEvent>.Continuation
    private let logger: Logger
    private var session: WorkerSession
    private var dealer: ZMQSocket?
    /// Watches ``dealer``'s connection for a close.
    private var dealerMonitor: SocketMonitor?
    /// While connecting: a DEALER per endpoint, each with its monitor, in order of preference.
    private var candidates: [Candidate] = []
    private let subscriber: ZMQSocket?

    private struct Candidate {
        var endpoint: String
        var socket: ZMQSocket
        var monitor: SocketMonitor?
    }

    init(context: ZMQContext, settings: Settings, events: AsyncStream<AgentConnectionEvent>.Continuation, logger: Logger) throws {
        self.context = context
        self.settings = settings
        self.events = events
        self.logger = logger
        self.session = WorkerSession(configuration: settings.session, now: .now)
        if settings.subscribeEndpoints.isEmpty {
            subscriber = nil
        } else {
            let socket = try context.makeSocket(.sub)
            try socket.setLinger(.zero)
            try settings.security?.apply(to: socket)
            for topic in settings.topics { try socket.subscribe(topic) }
            for endpoint in settings.subscribeEndpoints { try socket.connect(endpoint) }
            subscriber = socket
        }
        perform(session.tick(now: .now))
    }

    var readableSockets: [ZMQSocket] { [dealer, subscriber, dealerMonitor?.socket].compactMap { $0 } }

    /// The fresh DEALERs while no connection is up: the loop wakes when one is.
    var awaitedWritableSockets: [ZMQSocket] {
        guard session.isConnecting else { return [] }
        return candidates.map(\.socket)
    }

    func socketWritable(at index: Int) {
        adoptFirstConnection()
    }

    /// Keeps the first candidate (in order of preference) whose connection is up, closes
    /// the others, and tells the session.
    private func adoptFirstConnection() {
        guard session.isConnecting, let chosen = candidates.firstIndex(where: { $0.socket.isWritable }) else { return }
        let candidate = candidates.remove(at: chosen)
        closeCandidates()
        dealer = candidate.socket
        dealerMonitor = candidate.monitor
        // Events from before this connection (an earlier one to the same endpoint) are stale.
        while (try? dealerMonitor?.nextEvent()) != nil {}
        logger.info("connected to the broker at \(candidate.endpoint)")
        perform(session.connected(to: candidate.endpoint, now: .now))
    }

    private func closeCandidates() {
        for candidate in candidates {
            candidate.monitor?.close()
            candidate.socket.close()
        }
        candidates.removeAll()
    }

    /// Reads the monitor's events; a closed connection goes to the session.
    private func readMonitor() {
        var closed = false
        while let monitor = dealerMonitor {
            guard let event = try? monitor.nextEvent() else { break }
            if event.kind == .disconnected { closed = true }
        }
        if closed { perform(session.connectionClosed(now: .now)) }
    }

    func socketReadable(at index: Int) {
        let sockets = readableSockets
        guard index < sockets.count else { return }
        let socket = sockets[index]
        if socket === dealerMonitor?.socket {
            readMonitor()
            return
        }
        if socket === subscriber {
            while let frames = try? socket.receive(dontWait: true) {
                if let message = PublishedMessage(frames: frames) { events.yield(.published(message)) }
            }
            return
        }
        while socket === dealer, let frames = try? socket.receive(dontWait: true) {
            switch try? MDPCodec.decode(frames) {
            case (.worker(let command), _)?:
                settings.link.heard(at: Date())
                perform(session.received(command, now: .now))
            default:
                logger.warning("ignored a malformed message from the broker (\(frames.count) frames)")
            }
        }
    }

    func handle(_ command: AgentConnectionCommand) {
        switch command {
        case .reply(let reply):
            perform(session.reply(reply))
        case .updateLoad(let load):
            session.load = load
        case .disconnect:
            perform(session.disconnect())
        }
    }

    func tick(now: ContinuousClock.Instant) -> Duration {
        perform(session.tick(now: now))
        guard let deadline = session.nextDeadline() else { return .seconds(60) }
        return max(.milliseconds(1), deadline - .now)
    }

    private func perform(_ actions: [WorkerSessionAction]) {
        defer { settings.link.update(registered: session.isRegistered, endpoint: session.currentEndpoint) }
        for action in actions {
            switch action {
            case .openSockets(let endpoints):
                closeDealer()
                closeCandidates()
                for endpoint in endpoints {
                    do {
                        candidates.append(try openCandidate(endpoint))
                    } catch {
                        logger.error("could not open a socket to \(endpoint): \(error)")
                    }
                }
                logger.info("connecting to the broker at \(endpoints.joined(separator: ", "))")
            case .closeSocket:
                closeDealer()
                closeCandidates()
            case .send(let command):
                send(command)
            case .deliver(let envelope, let body):
                events.yield(.request(envelope: envelope, body: body))
            case .log(let level, let message):
                logger.log(level: level, "\(message)")
            }
        }
    }

    private func openCandidate(_ endpoint: String) throws -> Candidate {
        let socket = try context.makeSocket(.dealer)
        do {
            try socket.setLinger(.milliseconds(100))
            // Queue nothing for a connection that is not up, so a dead endpoint
            // does not swallow the READY and the results behind it.
            try socket.setImmediate(true)
            try settings.security?.apply(to: socket)
            // Started before connecting, so no close of this connection goes unseen.
            let monitor: SocketMonitor?
            do {
                monitor = try SocketMonitor(watching: socket, events: .disconnected)
            } catch {
                // Without it a dead broker is noticed by its silence, as before.
                logger.warning("no socket monitor for \(endpoint) (\(error)); a closed connection is noticed by missed heartbeats")
                monitor = nil
            }
            try socket.connect(endpoint)
            return Candidate(endpoint: endpoint, socket: socket, monitor: monitor)
        } catch {
            socket.close()
            throw error
        }
    }

    private func closeDealer() {
        dealerMonitor?.close()
        dealerMonitor = nil
        dealer?.close()
        dealer = nil
    }

    private func send(_ command: MDPWorkerCommand) {
        let frames = MDPCodec.encode(.worker(command))
        guard let dealer else {
            perform(session.sendFailed(command, now: .now, reason: "no socket"))
            return
        }
        do {
            // A full queue means the broker is gone; never block the socket thread.
            if try !dealer.send(frames, dontWait: true) {
                perform(session.sendFailed(command, now: .now, reason: "send queue full"))
            }
        } catch {
            perform(session.sendFailed(command, now: .now, reason: "\(error)"))
        }
    }

    func stopping() {
        closeDealer()
        closeCandidates()
        subscriber?.close()
        events.finish()
    }
}
