import Wire

/// A peer on the broker's ROUTER socket, named by the identity frame ROUTER prepends.
///
/// Clients and workers are both peers; one peer may be both (an agent that asks another
/// agent for help sends client commands on its worker connection).
struct PeerID: Hashable, Sendable, CustomStringConvertible {
    /// The routing identity frame, exactly as received.
    var identity: Frame

    /// The peer whose ROUTER identity is `identity`.
    init(_ identity: Frame) { self.identity = identity }

    /// The identity as text when printable, else as hex, for logs.
    var description: String { identity.description }

    /// The identity in lowercase hex: the name `mmi.agents` gives a plain MDP worker.
    var hexName: String {
        identity.bytes.map { byte in
            let digits = String(byte, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }.joined()
    }

    static func == (lhs: PeerID, rhs: PeerID) -> Bool { lhs.identity.bytes == rhs.identity.bytes }

    /// The identity's bytes in one piece: the broker looks peers up several times per
    /// message, and `[UInt8]`'s own hashing feeds the hasher one byte at a time.
    func hash(into hasher: inout Hasher) {
        identity.bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
    }
}
