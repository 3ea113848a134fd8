import CZeroMQ

extension ZMQSocket {
    /// True when a message can be sent now without blocking (ZMQ_EVENTS has POLLOUT).
    ///
    /// With `setImmediate(true)` a connecting socket only becomes writable once a
    /// connection is up, which is how an agent knows its READY will not wait in a pipe
    /// to a broker that is not there.
    public var isWritable: Bool {
        ((try? intOption(ZMQ_EVENTS, "read ZMQ_EVENTS")) ?? 0) & Int32(ZMQ_POLLOUT) != 0
    }

    /// True when a message waits to be received (ZMQ_EVENTS has POLLIN): a reader that
    /// stopped at a batch limit learns whether it left anything behind.
    public var isReadable: Bool {
        ((try? intOption(ZMQ_EVENTS, "read ZMQ_EVENTS")) ?? 0) & Int32(ZMQ_POLLIN) != 0
    }
}
