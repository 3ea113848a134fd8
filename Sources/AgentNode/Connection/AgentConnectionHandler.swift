import Foundation
import Logging
import Wire

/// The socket-thread half of `AgentConnection`: carries out `WorkerSession`'s actions on
/// the DEALER and SUB sockets and feeds it what the sockets report. Every decision,
/// including what waits for a fresh socket's connection, is the session's.
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
    private let subscriber: ZMQSocket?

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

    var readableSockets: [ZMQSocket] { [dealer, subscriber].compactMap { $0 } }

    /// The fresh DEALER while its connection is not up: the loop wakes when it is.
    var awaitedWritableSockets: [ZMQSocket] {
        guard session.isConnecting, let dealer else { return [] }
        return [dealer]
    }

    func socketWritable(at index: Int) {
        reportConnectionIfUp()
    }

    private func reportConnectionIfUp() {
        guard session.isConnecting, let dealer, dealer.isWritable else { return }
        perform(session.connected())
    }

    func socketReadable(at index: Int) {
        let sockets = readableSockets
        guard index < sockets.count else { return }
        let socket = sockets[index]
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
            case .openSocket(let endpoint):
                dealer?.close()
                dealer = nil
                do {
                    let socket = try context.makeSocket(.dealer)
                    try socket.setLinger(.milliseconds(100))
                    // Queue nothing for a connection that is not up, so a dead endpoint
                    // does not swallow the READY and the results behind it.
                    try socket.setImmediate(true)
                    try settings.security?.apply(to: socket)
                    try socket.connect(endpoint)
                    dealer = socket
                    logger.info("connecting to the broker at \(endpoint)")
                } catch {
                    logger.error("could not open a socket to \(endpoint): \(error)")
                }
            case .closeSocket:
                dealer?.close()
                dealer = nil
            case .send(let command):
                send(command)
            case .deliver(let envelope, let body):
                events.yield(.request(envelope: envelope, body: body))
            case .log(let level, let message):
                logger.log(level: level, "\(message)")
            }
        }
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
        dealer?.close()
        dealer = nil
        subscriber?.close()
        events.finish()
    }
}
