import CZeroMQ
import Foundation

/// The connection events of one socket, read from libzmq's socket monitor.
///
/// `zmq_socket_monitor` makes the watched socket publish its events on an inproc PAIR;
/// this type starts that, connects the PAIR, and reads each event as a ``SocketEvent``.
/// Poll ``socket`` next to the watched socket and call ``nextEvent()`` until it returns nil.
///
/// ```swift
/// let monitor = try SocketMonitor(watching: router, events: [.accepted, .disconnected])
/// while let event = try monitor.nextEvent() {
///     if event.kind == .disconnected { print("connection \(event.descriptor) closed") }
/// }
/// ```
///
/// Like the socket it watches, a monitor belongs to one thread: make it, read it and
/// close it on the thread that owns the watched socket. Events are delivered in the order
/// libzmq's I/O thread saw them, and an event about a connection is queued before any
/// later connection can reuse its file descriptor.
public final class SocketMonitor {
    /// The PAIR socket the events arrive on: poll it for reading.
    public let socket: ZMQSocket
    private let watched: ZMQSocket

    /// Starts monitoring `watched` for `events` on a fresh inproc address.
    public init(watching watched: ZMQSocket, events: SocketEventKinds) throws(ZMQError) {
        let handle = try watched.openHandle("monitor a closed \(watched.kind) socket")
        let address = "inproc://socket-monitor-\(UUID().uuidString)"
        let rc = address.withCString { zmq_socket_monitor(handle, $0, events.rawValue) }
        if rc != 0 { throw ZMQError.last("start monitoring a \(watched.kind) socket") }
        self.watched = watched
        do {
            socket = try watched.context.makeSocket(.pair)
            try socket.connect(address)
        } catch {
            zmq_socket_monitor(handle, nil, 0)
            throw error
        }
    }

    /// The next event, or nil when none is waiting; never blocks.
    public func nextEvent() throws(SocketMonitorError) -> SocketEvent? {
        let frames: [Frame]?
        do {
            frames = try socket.receive(dontWait: true)
        } catch {
            throw .socket(error)
        }
        guard let frames else { return nil }
        return try SocketEvent(frames: frames)
    }

    /// Stops monitoring and closes the PAIR; idempotent.
    public func close() {
        guard !socket.isClosed else { return }
        if let handle = watched.handle { zmq_socket_monitor(handle, nil, 0) }
        socket.close()
    }

    deinit { close() }
}

/// Not `Sendable`: it reads a socket owned by one thread (see `ZMQSocket`).
@available(*, unavailable)
extension SocketMonitor: Sendable {}
