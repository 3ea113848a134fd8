import CZeroMQ

/// What a `Poller` item waits for, and what it found.
public struct PollEvents: OptionSet, Sendable, Hashable {
    public let rawValue: Int16

    /// Builds events from libzmq's `ZMQ_POLL*` bits.
    public init(rawValue: Int16) { self.rawValue = rawValue }

    /// A whole message can be received (a raw fd: data can be read).
    public static let readable = PollEvents(rawValue: Int16(ZMQ_POLLIN))
    /// A message can be sent without blocking (a raw fd: data can be written).
    public static let writable = PollEvents(rawValue: Int16(ZMQ_POLLOUT))
    /// Raw fds only: an error condition on the descriptor.
    public static let error = PollEvents(rawValue: Int16(ZMQ_POLLERR))
}
