import CZeroMQ
import Glibc

/// A libzmq call that failed: its errno, libzmq's text for it, and what we were doing.
///
/// ```swift
/// do { try socket.bind("tcp://127.0.0.1:5555") }
/// catch { print(error) }  // "bind tcp://127.0.0.1:5555: Address already in use (errno 98)"
/// ```
public struct ZMQError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The errno value libzmq reported (POSIX codes, or libzmq's own such as `ETERM`).
    public let code: Int32
    /// libzmq's `zmq_strerror` text for `code`.
    public let message: String
    /// What we were doing when it failed, e.g. "bind tcp://127.0.0.1:5555".
    public let operation: String

    /// An error for `code` while doing `operation`, with libzmq's text for the code.
    public init(code: Int32, operation: String) {
        self.code = code
        self.message = String(cString: zmq_strerror(code))
        self.operation = operation
    }

    /// The error libzmq just reported on this thread (`zmq_errno`), while doing `operation`.
    static func last(_ operation: @autoclosure () -> String) -> ZMQError {
        ZMQError(code: zmq_errno(), operation: operation())
    }

    /// The call would have blocked (`EAGAIN`): nothing to read, a full queue, or a timeout.
    public var isWouldBlock: Bool { code == EAGAIN }
    /// The context was shut down or terminated (`ETERM`): the socket should be closed.
    public var isTerminated: Bool { code == ETERM }
    /// A signal interrupted the call (`EINTR`).
    public var isInterrupted: Bool { code == EINTR }
    /// A ROUTER_MANDATORY socket was asked to send to a peer it does not know (`EHOSTUNREACH`).
    public var isHostUnreachable: Bool { code == EHOSTUNREACH }
    /// The socket was already closed (`ENOTSOCK`).
    public var isClosedSocket: Bool { code == ENOTSOCK }

    /// "operation: message (errno N)", for logs and people.
    public var description: String { "\(operation): \(message) (errno \(code))" }
}
