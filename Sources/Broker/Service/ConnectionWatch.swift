import Logging
import Wire

/// The broker's watch on its ROUTER's connections: a socket monitor for accepted and
/// broken connections, and the table (``PeerConnections``) that names the worker each
/// broken connection carried. Owned by the broker thread, like the ROUTER it watches.
final class ConnectionWatch {
    /// Poll this next to the ROUTER.
    var socket: ZMQSocket { monitor.socket }
    private let monitor: SocketMonitor
    private var connections = PeerConnections()
    private let logger: Logger
    private var loggedUnreadable = false

    init(router: ZMQSocket, logger: Logger) throws(ZMQError) {
        monitor = try SocketMonitor(watching: router, events: [.accepted, .disconnected])
        self.logger = logger
    }

    /// Reads every waiting monitor event; returns the workers whose connection broke, in
    /// the order it happened.
    func closedWorkers() -> [PeerID] {
        var peers: [PeerID] = []
        while true {
            let event: SocketEvent?
            do {
                event = try monitor.nextEvent()
            } catch {
                if case .socket(let failure) = error {
                    if !failure.isTerminated { logger.error("\(error)") }
                    return peers
                }
                // Not an event as libzmq 4.3 writes it: skip it, say so once.
                if !loggedUnreadable { logger.error("skipped an unreadable socket monitor message: \(error)") }
                loggedUnreadable = true
                continue
            }
            guard let event else { return peers }
            if event.kind == .accepted {
                connections.accepted(event.descriptor)
            } else if event.kind == .disconnected, let peer = connections.closed(event.descriptor) {
                peers.append(peer)
            }
        }
    }

    /// Whether a worker's message over `descriptor` may bind it anew, so ``closedWorkers()``
    /// must be read first (``PeerConnections``, rule 2).
    func needsEvents(_ peer: PeerID, on descriptor: Int32) -> Bool {
        connections.needsEvents(peer, on: descriptor)
    }

    /// Records the connection a worker's message came over; true for a new live binding.
    func observe(_ peer: PeerID, on descriptor: Int32) -> Bool {
        connections.observe(peer, on: descriptor)
    }

    func close() { monitor.close() }
}
