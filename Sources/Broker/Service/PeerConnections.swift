/// Which ROUTER connection (its file descriptor) each worker's messages arrive over, so
/// that the socket monitor's "connection N closed" names a worker.
///
/// libzmq 4.3.4 without its DRAFT API has no ROUTER_NOTIFY (setting it fails with EINVAL),
/// so the broker learns the mapping itself: `zmq_msg_get(ZMQ_SRCFD)` tells which
/// connection a received message came over, and the monitor reports the same number when
/// a connection is accepted or breaks. Descriptor numbers are reused, so the table keeps
/// three rules:
///
/// 1. A descriptor reported closed and not yet accepted again carries no live connection:
///    a message read from it was queued before the connection broke. It still counts as
///    that worker's message, but it binds nothing and cannot end a grace.
/// 2. Before a new binding is made, the shell reads every waiting monitor event
///    (`needsEvents`): libzmq queues a connection's DISCONNECTED event before it closes the
///    descriptor, so the events about an earlier owner of a number are always seen
///    before a message of the connection that reuses it.
/// 3. A closed descriptor unbinds its worker, so a later close of another connection with
///    the same number never names that worker.
struct PeerConnections: Sendable {
    private var peerByDescriptor: [Int32: PeerID] = [:]
    private var descriptorByPeer: [PeerID: Int32] = [:]
    /// Descriptors reported closed whose number has not been accepted again.
    private var closedDescriptors: Set<Int32> = []

    /// Whether a message from `peer` over `descriptor` may make a new binding, so the
    /// monitor's waiting events must be read first. False for the usual case (the peer's
    /// known connection) and for transports without a descriptor.
    func needsEvents(_ peer: PeerID, on descriptor: Int32) -> Bool {
        descriptor >= 0 && descriptorByPeer[peer] != descriptor
    }

    /// Records that `peer`'s message came over `descriptor`; returns true when this is a
    /// new, live binding (its first message, or the same identity over a new connection).
    mutating func observe(_ peer: PeerID, on descriptor: Int32) -> Bool {
        guard descriptor >= 0, descriptorByPeer[peer] != descriptor, !closedDescriptors.contains(descriptor) else { return false }
        if let old = descriptorByPeer[peer], peerByDescriptor[old] == peer { peerByDescriptor[old] = nil }
        if let previous = peerByDescriptor[descriptor] { descriptorByPeer[previous] = nil }
        peerByDescriptor[descriptor] = peer
        descriptorByPeer[peer] = descriptor
        return true
    }

    /// A connection was accepted on `descriptor`: the number is live again.
    mutating func accepted(_ descriptor: Int32) {
        closedDescriptors.remove(descriptor)
    }

    /// The connection on `descriptor` broke; returns the worker it carried, if any.
    mutating func closed(_ descriptor: Int32) -> PeerID? {
        closedDescriptors.insert(descriptor)
        guard let peer = peerByDescriptor.removeValue(forKey: descriptor) else { return nil }
        descriptorByPeer[peer] = nil
        return peer
    }

    /// Bound workers, for tests and figures.
    var count: Int { descriptorByPeer.count }
}
