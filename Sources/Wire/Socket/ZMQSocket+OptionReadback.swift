import CZeroMQ

/// Reads back the options whose setters have no public getter, so tests can check that a
/// setter reached libzmq with the value meant (`zmq_getsockopt`). ROUTER_MANDATORY,
/// ROUTER_HANDOVER, SUBSCRIBE and UNSUBSCRIBE are write-only in libzmq: their effect is
/// what a test can check.
extension ZMQSocket {
    /// ZMQ_IMMEDIATE.
    var immediate: Bool {
        get throws(ZMQError) { try intOption(ZMQ_IMMEDIATE, "read IMMEDIATE") == 1 }
    }

    /// ZMQ_TCP_KEEPALIVE: -1 (the OS default), 0 (off) or 1 (on).
    var tcpKeepalive: Int32 {
        get throws(ZMQError) { try intOption(ZMQ_TCP_KEEPALIVE, "read TCP_KEEPALIVE") }
    }

    /// ZMQ_TCP_KEEPALIVE_IDLE, ZMQ_TCP_KEEPALIVE_INTVL and ZMQ_TCP_KEEPALIVE_CNT: seconds, seconds, probes.
    var tcpKeepaliveProbes: (idleSeconds: Int32, intervalSeconds: Int32, count: Int32) {
        get throws(ZMQError) {
            (
                try intOption(ZMQ_TCP_KEEPALIVE_IDLE, "read TCP_KEEPALIVE_IDLE"),
                try intOption(ZMQ_TCP_KEEPALIVE_INTVL, "read TCP_KEEPALIVE_INTVL"),
                try intOption(ZMQ_TCP_KEEPALIVE_CNT, "read TCP_KEEPALIVE_CNT")
            )
        }
    }

    /// ZMQ_RECONNECT_IVL.
    var reconnectInterval: Duration {
        get throws(ZMQError) { .milliseconds(try intOption(ZMQ_RECONNECT_IVL, "read RECONNECT_IVL")) }
    }

    /// ZMQ_RECONNECT_IVL_MAX.
    var reconnectIntervalMax: Duration {
        get throws(ZMQError) { .milliseconds(try intOption(ZMQ_RECONNECT_IVL_MAX, "read RECONNECT_IVL_MAX")) }
    }

    /// ZMQ_HANDSHAKE_IVL; zero means no limit.
    var handshakeInterval: Duration {
        get throws(ZMQError) { .milliseconds(try intOption(ZMQ_HANDSHAKE_IVL, "read HANDSHAKE_IVL")) }
    }

    /// ZMQ_ZAP_DOMAIN.
    var zapDomain: String {
        get throws(ZMQError) { try stringOption(ZMQ_ZAP_DOMAIN, "read ZAP_DOMAIN") }
    }
}
