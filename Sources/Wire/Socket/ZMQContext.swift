import CZeroMQ
import Glibc
import Synchronization

/// A libzmq context: the I/O threads and the registry every socket of a process shares.
///
/// Make one per process and pass it around; it is thread-safe. Every `ZMQSocket` keeps its
/// context alive, so the context is terminated (`zmq_ctx_term`, in `deinit`) only after the
/// last socket made from it is gone, and termination never waits on a forgotten open socket.
///
/// ```swift
/// let context = try ZMQContext()
/// let router = try context.makeSocket(.router)
/// ```
///
/// `shutdown()` makes every blocking call on every socket of this context fail with
/// `ETERM` (`ZMQError.isTerminated`), which is how socket-owning threads learn to stop.
public final class ZMQContext: @unchecked Sendable {
    // @unchecked: the raw pointer is a libzmq context, which libzmq documents as thread-safe;
    // the only mutable Swift state is the atomic `isShutDown`.
    let handle: UnsafeMutableRawPointer
    private let isShutDown = Atomic<Bool>(false)
    /// The linger every new socket starts with, so closing one never hangs the process.
    public let defaultLinger: Duration?

    /// Creates a context with `ioThreads` background I/O threads.
    ///
    /// `defaultLinger` is applied to every socket this context makes (nil means libzmq's
    /// "forever"); a short linger lets queued messages go out on close without ever
    /// blocking termination on a peer that went away.
    public init(ioThreads: Int = 1, defaultLinger: Duration? = .milliseconds(500)) throws(ZMQError) {
        guard let handle = zmq_ctx_new() else { throw ZMQError.last("create a ZeroMQ context") }
        guard let threads = Int32(exactly: ioThreads), zmq_ctx_set(handle, ZMQ_IO_THREADS, threads) == 0 else {
            let error = ZMQError(code: EINVAL, operation: "set \(ioThreads) I/O threads on a ZeroMQ context")
            zmq_ctx_term(handle)
            throw error
        }
        self.handle = handle
        self.defaultLinger = defaultLinger
    }

    /// Makes a socket of `kind`; the calling thread becomes its owner (see `ZMQSocket`).
    public func makeSocket(_ kind: SocketKind) throws(ZMQError) -> ZMQSocket {
        guard let socket = zmq_socket(handle, kind.zmqType) else {
            throw ZMQError.last("create a \(kind) socket")
        }
        let made = ZMQSocket(handle: socket, kind: kind, context: self)
        try made.setLinger(defaultLinger)
        return made
    }

    /// Whether `shutdown()` was called.
    public var isShutdown: Bool { isShutDown.load(ordering: .acquiring) }

    /// Makes every blocking call on this context's sockets fail with `ETERM`; idempotent.
    ///
    /// Sockets must still be closed by their owners; the context itself is terminated when
    /// the last reference to it (the context object or any socket) goes away.
    public func shutdown() {
        guard !isShutDown.exchange(true, ordering: .acquiringAndReleasing) else { return }
        zmq_ctx_shutdown(handle)
    }

    deinit {
        // Every socket holds a strong reference to us, so none is open here: zmq_ctx_term
        // waits only for the lingering messages of sockets already closed.
        while zmq_ctx_term(handle) != 0 && zmq_errno() == EINTR {}
    }
}
