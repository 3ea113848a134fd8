import CZeroMQ

/// One event a socket monitor reported (`zmq_socket_monitor`): what happened, its value,
/// and the endpoint it concerns.
///
/// libzmq sends each event as two frames: six bytes (a 16-bit event number and a 32-bit
/// value, both in the machine's byte order) and the endpoint's address. For connection
/// events (``SocketEventKinds/accepted``, ``SocketEventKinds/disconnected``,
/// ``SocketEventKinds/closed``, ``SocketEventKinds/connected``) the value is the
/// connection's file descriptor, the same number `zmq_msg_get(ZMQ_SRCFD)` gives for a
/// message received over it (``ZMQSocket/receiveWithSource(dontWait:)``).
public struct SocketEvent: Sendable, Hashable {
    /// What happened: exactly one of the ``SocketEventKinds`` bits.
    public var kind: SocketEventKinds
    /// The event's value: a file descriptor for connection events, an errno for failures,
    /// a retry interval in milliseconds for ``SocketEventKinds/connectRetried``.
    public var value: UInt32
    /// The endpoint the event concerns, e.g. `tcp://127.0.0.1:5555`.
    public var endpoint: String

    /// An event as the fields say.
    public init(kind: SocketEventKinds, value: UInt32, endpoint: String) {
        self.kind = kind
        self.value = value
        self.endpoint = endpoint
    }

    /// Reads the two frames libzmq sends per event.
    public init(frames: [Frame]) throws(SocketMonitorError) {
        guard frames.count == 2 else { throw .wrongFrameCount(frames.count) }
        let head = frames[0].bytes
        guard head.count == 6 else { throw .wrongHeaderSize(head.count) }
        // libzmq writes both numbers with memcpy, in the host's byte order.
        let (number, value) = head.withUnsafeBytes { raw in
            (raw.loadUnaligned(as: UInt16.self), raw.loadUnaligned(fromByteOffset: 2, as: UInt32.self))
        }
        self.init(kind: SocketEventKinds(rawValue: Int32(number)), value: value,
                  endpoint: String(decoding: frames[1].bytes, as: UTF8.self))
    }

    /// The value as a file descriptor, for connection events.
    public var descriptor: Int32 { Int32(bitPattern: value) }
}

/// A socket monitor that could not be read: its socket failed, or a message was not an
/// event as libzmq 4.3 writes them.
public enum SocketMonitorError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Receiving on the monitor's PAIR socket failed.
    case socket(ZMQError)
    /// libzmq sends two frames per event.
    case wrongFrameCount(Int)
    /// The first frame holds six bytes: a 16-bit event and a 32-bit value.
    case wrongHeaderSize(Int)

    public var description: String {
        switch self {
        case .socket(let error): "reading the socket monitor failed: \(error)"
        case .wrongFrameCount(let count): "a socket monitor event has 2 frames, this one had \(count)"
        case .wrongHeaderSize(let size): "a socket monitor event's first frame has 6 bytes, this one had \(size)"
        }
    }
}

/// A set of socket monitor events (libzmq's `ZMQ_EVENT_*` bits): what a monitor listens
/// for, and, with one bit set, what a ``SocketEvent`` reports.
public struct SocketEventKinds: OptionSet, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// A connection to a remote peer is up (`value`: its fd).
    public static let connected = SocketEventKinds(rawValue: ZMQ_EVENT_CONNECTED)
    /// A connect is waiting to be retried.
    public static let connectDelayed = SocketEventKinds(rawValue: ZMQ_EVENT_CONNECT_DELAYED)
    /// A connect is being retried (`value`: the interval in ms).
    public static let connectRetried = SocketEventKinds(rawValue: ZMQ_EVENT_CONNECT_RETRIED)
    /// A bind succeeded (`value`: the listening fd).
    public static let listening = SocketEventKinds(rawValue: ZMQ_EVENT_LISTENING)
    /// A bind failed (`value`: errno).
    public static let bindFailed = SocketEventKinds(rawValue: ZMQ_EVENT_BIND_FAILED)
    /// A peer's connection was accepted (`value`: its fd).
    public static let accepted = SocketEventKinds(rawValue: ZMQ_EVENT_ACCEPTED)
    /// Accepting a connection failed (`value`: errno).
    public static let acceptFailed = SocketEventKinds(rawValue: ZMQ_EVENT_ACCEPT_FAILED)
    /// A connection or listener was closed by this side (`value`: its fd).
    public static let closed = SocketEventKinds(rawValue: ZMQ_EVENT_CLOSED)
    /// Closing failed (`value`: errno).
    public static let closeFailed = SocketEventKinds(rawValue: ZMQ_EVENT_CLOSE_FAILED)
    /// A connection broke: the peer closed it, died, or the network failed (`value`: its fd).
    public static let disconnected = SocketEventKinds(rawValue: ZMQ_EVENT_DISCONNECTED)
    /// The monitor was stopped; the last event it sends.
    public static let monitorStopped = SocketEventKinds(rawValue: ZMQ_EVENT_MONITOR_STOPPED)
    /// A ZMTP handshake failed without detail.
    public static let handshakeFailedNoDetail = SocketEventKinds(rawValue: ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL)
    /// A ZMTP handshake (and CURVE authentication) succeeded.
    public static let handshakeSucceeded = SocketEventKinds(rawValue: ZMQ_EVENT_HANDSHAKE_SUCCEEDED)
    /// A handshake failed on the protocol.
    public static let handshakeFailedProtocol = SocketEventKinds(rawValue: ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL)
    /// A handshake failed authentication (a ZAP refusal).
    public static let handshakeFailedAuth = SocketEventKinds(rawValue: ZMQ_EVENT_HANDSHAKE_FAILED_AUTH)
    /// Every event libzmq 4.3 reports without its DRAFT API.
    public static let all = SocketEventKinds(rawValue: ZMQ_EVENT_ALL)

    private static let names: [(SocketEventKinds, String)] = [
        (.connected, "connected"), (.connectDelayed, "connect_delayed"), (.connectRetried, "connect_retried"),
        (.listening, "listening"), (.bindFailed, "bind_failed"), (.accepted, "accepted"),
        (.acceptFailed, "accept_failed"), (.closed, "closed"), (.closeFailed, "close_failed"),
        (.disconnected, "disconnected"), (.monitorStopped, "monitor_stopped"),
        (.handshakeFailedNoDetail, "handshake_failed_no_detail"), (.handshakeSucceeded, "handshake_succeeded"),
        (.handshakeFailedProtocol, "handshake_failed_protocol"), (.handshakeFailedAuth, "handshake_failed_auth"),
    ]

    /// The events' names joined by `|`, or the number for bits libzmq 4.3 does not define.
    public var description: String {
        var remaining = rawValue
        var parts: [String] = []
        for (kind, name) in Self.names where contains(kind) {
            parts.append(name)
            remaining &= ~kind.rawValue
        }
        if remaining != 0 || parts.isEmpty { parts.append("0x\(String(remaining, radix: 16))") }
        return parts.joined(separator: "|")
    }
}
