import CZeroMQ
import Glibc

/// One libzmq socket, owned by exactly one thread.
///
/// libzmq sockets are not thread-safe: two threads touching one socket at once corrupt it
/// (messages interleave, frames go to the wrong peer, libzmq asserts). So `ZMQSocket` is
/// deliberately not `Sendable`: the compiler keeps it on the thread that made it. A socket
/// that a poll loop serves should be made inside `SocketLoop`'s `makeHandler`, on the loop's
/// thread; other threads reach it only through `SocketLoop.post(_:)`.
///
/// ```swift
/// let dealer = try context.makeSocket(.dealer)
/// try dealer.connect("tcp://127.0.0.1:5555")
/// try dealer.send(["", "MDPC02", "echo", "hello"])
/// let reply = try dealer.receive()
/// ```
///
/// `close()` is idempotent and `deinit` closes too; every call on a closed socket throws
/// a `ZMQError` whose `isClosedSocket` is true.
public final class ZMQSocket {
    /// The libzmq socket, or nil once closed.
    private(set) var handle: UnsafeMutableRawPointer?
    /// The kind this socket was made as.
    public let kind: SocketKind
    /// The context this socket belongs to; holding it keeps `zmq_ctx_term` from running early.
    public let context: ZMQContext
    /// One reusable message buffer for `receive`, so a receive allocates no zmq_msg_t.
    let message: UnsafeMutablePointer<zmq_msg_t>

    init(handle: UnsafeMutableRawPointer, kind: SocketKind, context: ZMQContext) {
        self.handle = handle
        self.kind = kind
        self.context = context
        message = .allocate(capacity: 1)
        zmq_msg_init(message)
    }

    deinit {
        close()
        zmq_msg_close(message)
        message.deallocate()
    }

    /// Whether `close()` was called (or the socket was closed by `deinit`'s owner).
    public var isClosed: Bool { handle == nil }

    /// The open libzmq socket, or an `ENOTSOCK` error naming `operation`.
    func openHandle(_ operation: @autoclosure () -> String) throws(ZMQError) -> UnsafeMutableRawPointer {
        guard let handle else { throw ZMQError(code: ENOTSOCK, operation: operation()) }
        return handle
    }

    /// Accepts connections on `endpoint` (`tcp://127.0.0.1:*` picks a free port: see `lastEndpoint`).
    public func bind(_ endpoint: String) throws(ZMQError) {
        try endpointCall("bind", endpoint, zmq_bind)
    }

    /// Connects to `endpoint`; libzmq reconnects by itself when the peer goes away.
    public func connect(_ endpoint: String) throws(ZMQError) {
        try endpointCall("connect", endpoint, zmq_connect)
    }

    /// Drops the connection made by `connect(endpoint)` (the exact string, or the resolved one).
    public func disconnect(_ endpoint: String) throws(ZMQError) {
        try endpointCall("disconnect", endpoint, zmq_disconnect)
    }

    /// Stops accepting on `endpoint` (as returned by `lastEndpoint` for wildcard binds).
    public func unbind(_ endpoint: String) throws(ZMQError) {
        try endpointCall("unbind", endpoint, zmq_unbind)
    }

    private func endpointCall(
        _ verb: String, _ endpoint: String,
        _ call: (UnsafeMutableRawPointer?, UnsafePointer<CChar>?) -> Int32
    ) throws(ZMQError) {
        let socket = try openHandle("\(verb) \(endpoint) on a closed \(kind) socket")
        let rc = endpoint.withCString { call(socket, $0) }
        if rc != 0 { throw ZMQError.last("\(verb) \(endpoint) (\(kind))") }
    }

    /// The endpoint last bound or connected, resolved (ZMQ_LAST_ENDPOINT): after binding
    /// `tcp://127.0.0.1:*` this is `tcp://127.0.0.1:<port>`.
    public var lastEndpoint: String {
        get throws(ZMQError) { try stringOption(ZMQ_LAST_ENDPOINT, "read the last endpoint") }
    }

    /// Closes the socket now; idempotent. Unsent messages linger up to `linger`.
    public func close() {
        guard let handle else { return }
        zmq_close(handle)
        self.handle = nil
    }
}

/// Not `Sendable`: a libzmq socket must be used by one thread only (see `ZMQSocket`).
@available(*, unavailable)
extension ZMQSocket: Sendable {}
