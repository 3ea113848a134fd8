import CZeroMQ

/// Typed socket options. Setters are methods because libzmq can refuse them (`EINVAL` for a
/// value out of range, `ETERM` after shutdown, an option that does not fit the socket kind).
extension ZMQSocket {
    /// ROUTER: a send to an unknown or gone peer throws `isHostUnreachable` instead of
    /// being dropped silently, and a full peer makes sends would-block.
    public func setRouterMandatory(_ on: Bool) throws(ZMQError) {
        try setOption(ZMQ_ROUTER_MANDATORY, on, "set ROUTER_MANDATORY")
    }

    /// ROUTER: a new connection with a routing id already in use takes it over (a restarted
    /// agent keeps its identity) instead of being refused.
    public func setRouterHandover(_ on: Bool) throws(ZMQError) {
        try setOption(ZMQ_ROUTER_HANDOVER, on, "set ROUTER_HANDOVER")
    }

    /// How long unsent messages may delay `close`/context termination; nil waits forever.
    public func setLinger(_ linger: Duration?) throws(ZMQError) {
        try setOption(ZMQ_LINGER, linger.map(\.clampedMilliseconds) ?? -1, "set LINGER")
    }

    /// The current linger; nil means forever.
    public var linger: Duration? {
        get throws(ZMQError) { Self.duration(milliseconds: try intOption(ZMQ_LINGER, "read LINGER")) }
    }

    /// At most this many outgoing messages queue per peer (0 = no limit).
    public func setSendHighWaterMark(_ messages: Int) throws(ZMQError) {
        try setOption(ZMQ_SNDHWM, Int32(clamping: messages), "set SNDHWM to \(messages)")
    }

    /// The outgoing queue limit per peer.
    public var sendHighWaterMark: Int {
        get throws(ZMQError) { Int(try intOption(ZMQ_SNDHWM, "read SNDHWM")) }
    }

    /// At most this many incoming messages queue per peer (0 = no limit).
    public func setReceiveHighWaterMark(_ messages: Int) throws(ZMQError) {
        try setOption(ZMQ_RCVHWM, Int32(clamping: messages), "set RCVHWM to \(messages)")
    }

    /// The incoming queue limit per peer.
    public var receiveHighWaterMark: Int {
        get throws(ZMQError) { Int(try intOption(ZMQ_RCVHWM, "read RCVHWM")) }
    }

    /// The identity a ROUTER peer sees for this socket: 1 to 255 bytes, first byte not 0.
    /// Set it before `connect`.
    public func setRoutingID(_ id: [UInt8]) throws(ZMQError) {
        try setOption(ZMQ_ROUTING_ID, id, "set ROUTING_ID (\(id.count) bytes)")
    }

    /// This socket's routing id (empty when libzmq picks one per connection).
    public var routingID: [UInt8] {
        get throws(ZMQError) { try bytesOption(ZMQ_ROUTING_ID, capacity: 256, "read ROUTING_ID") }
    }

    /// Queue messages only on completed connections, so nothing waits on a peer never reached.
    public func setImmediate(_ on: Bool) throws(ZMQError) {
        try setOption(ZMQ_IMMEDIATE, on, "set IMMEDIATE")
    }

    /// Turns TCP keepalive on or off (libzmq's default leaves it to the OS).
    public func setTCPKeepalive(_ on: Bool) throws(ZMQError) {
        try setOption(ZMQ_TCP_KEEPALIVE, on, "set TCP_KEEPALIVE")
    }

    /// Turns TCP keepalive on with these probes: first after `idle`, then every `interval`,
    /// giving up after `count` unanswered ones.
    public func setTCPKeepalive(idle: Duration, interval: Duration, count: Int) throws(ZMQError) {
        try setTCPKeepalive(true)
        try setTCPKeepaliveIdle(idle)
        try setTCPKeepaliveInterval(interval)
        try setTCPKeepaliveCount(count)
    }

    /// Idle time before the first keepalive probe (whole seconds, rounded up).
    public func setTCPKeepaliveIdle(_ idle: Duration) throws(ZMQError) {
        try setOption(ZMQ_TCP_KEEPALIVE_IDLE, idle.clampedSeconds, "set TCP_KEEPALIVE_IDLE")
    }

    /// Time between keepalive probes (whole seconds, rounded up).
    public func setTCPKeepaliveInterval(_ interval: Duration) throws(ZMQError) {
        try setOption(ZMQ_TCP_KEEPALIVE_INTVL, interval.clampedSeconds, "set TCP_KEEPALIVE_INTVL")
    }

    /// Unanswered keepalive probes before the connection is dropped.
    public func setTCPKeepaliveCount(_ count: Int) throws(ZMQError) {
        try setOption(ZMQ_TCP_KEEPALIVE_CNT, Int32(clamping: count), "set TCP_KEEPALIVE_CNT to \(count)")
    }

    /// First wait before libzmq reconnects a dropped connection.
    public func setReconnectInterval(_ interval: Duration) throws(ZMQError) {
        try setOption(ZMQ_RECONNECT_IVL, interval.clampedMilliseconds, "set RECONNECT_IVL")
    }

    /// Upper bound of libzmq's exponential reconnect backoff (zero: no backoff).
    public func setReconnectIntervalMax(_ interval: Duration) throws(ZMQError) {
        try setOption(ZMQ_RECONNECT_IVL_MAX, interval.clampedMilliseconds, "set RECONNECT_IVL_MAX")
    }

    /// How long a blocking `send` may wait before returning would-block; nil waits forever.
    public func setSendTimeout(_ timeout: Duration?) throws(ZMQError) {
        try setOption(ZMQ_SNDTIMEO, timeout.map(\.clampedMilliseconds) ?? -1, "set SNDTIMEO")
    }

    /// The blocking-send timeout; nil means forever.
    public var sendTimeout: Duration? {
        get throws(ZMQError) { Self.duration(milliseconds: try intOption(ZMQ_SNDTIMEO, "read SNDTIMEO")) }
    }

    /// How long a blocking `receive` may wait before returning nil; nil waits forever.
    public func setReceiveTimeout(_ timeout: Duration?) throws(ZMQError) {
        try setOption(ZMQ_RCVTIMEO, timeout.map(\.clampedMilliseconds) ?? -1, "set RCVTIMEO")
    }

    /// The blocking-receive timeout; nil means forever.
    public var receiveTimeout: Duration? {
        get throws(ZMQError) { Self.duration(milliseconds: try intOption(ZMQ_RCVTIMEO, "read RCVTIMEO")) }
    }

    /// SUB: receive messages whose first frame starts with `prefix` (empty: everything).
    public func subscribe(_ prefix: [UInt8]) throws(ZMQError) {
        try setOption(ZMQ_SUBSCRIBE, prefix, "subscribe to a \(prefix.count)-byte prefix")
    }

    /// SUB: receive messages whose first frame starts with the UTF-8 of `prefix`.
    public func subscribe(_ prefix: String) throws(ZMQError) {
        try subscribe(Array(prefix.utf8))
    }

    /// SUB: drop one earlier `subscribe` of the same prefix.
    public func unsubscribe(_ prefix: [UInt8]) throws(ZMQError) {
        try setOption(ZMQ_UNSUBSCRIBE, prefix, "unsubscribe from a \(prefix.count)-byte prefix")
    }

    /// SUB: drop one earlier `subscribe` of the same string prefix.
    public func unsubscribe(_ prefix: String) throws(ZMQError) {
        try unsubscribe(Array(prefix.utf8))
    }

    /// The ZAP domain a ZAP handler sees for connections to this socket.
    public func setZAPDomain(_ domain: String) throws(ZMQError) {
        try setOption(ZMQ_ZAP_DOMAIN, Array(domain.utf8), "set ZAP_DOMAIN \(domain)")
    }

    /// Peers sending a larger message are disconnected (ZMQ_MAXMSGSIZE); nil: no limit.
    public func setMaxMessageSize(_ bytes: Int?) throws(ZMQError) {
        let limit = bytes.map { Int64(clamping: $0) } ?? -1
        try setOption(ZMQ_MAXMSGSIZE, int64: limit, "set MAXMSGSIZE")
    }

    /// The incoming message size limit; nil means none.
    public var maxMessageSize: Int? {
        get throws(ZMQError) {
            let limit = try int64Option(ZMQ_MAXMSGSIZE, "read MAXMSGSIZE")
            return limit < 0 ? nil : Int(clamping: limit)
        }
    }

    /// A connection that has not finished its ZMTP (and CURVE) handshake in this time is
    /// dropped; nil: no limit.
    public func setHandshakeInterval(_ interval: Duration?) throws(ZMQError) {
        try setOption(ZMQ_HANDSHAKE_IVL, interval.map(\.clampedMilliseconds) ?? 0, "set HANDSHAKE_IVL")
    }

    /// libzmq's "-1 means forever" millisecond options as a Swift `Duration?`.
    private static func duration(milliseconds: Int32) -> Duration? {
        milliseconds < 0 ? nil : .milliseconds(milliseconds)
    }
}
