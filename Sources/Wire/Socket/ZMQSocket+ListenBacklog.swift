import CZeroMQ

extension ZMQSocket {
    /// How many connections may wait to be accepted on this socket's listening TCP
    /// endpoints (ZMQ_BACKLOG, libzmq's default 100; the kernel caps it at
    /// `net.core.somaxconn`). Set it before `bind`.
    ///
    /// Thousands of peers connecting at once overflow a queue of 100: the kernel drops
    /// their handshakes (or answers with SYN cookies), and the peers wait out TCP's
    /// retransmission backoff, seconds long, before their first message arrives.
    public func setListenBacklog(_ connections: Int) throws(ZMQError) {
        try setOption(ZMQ_BACKLOG, Int32(clamping: connections), "set BACKLOG to \(connections)")
    }
}
