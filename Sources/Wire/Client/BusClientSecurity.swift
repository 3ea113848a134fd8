/// CURVE keys a bus client presents to the broker.
public struct BusClientSecurity: Sendable, Hashable {
    /// This client's long-term key pair (its public key must be authorised on the broker).
    public var keyPair: CurveKeyPair
    /// The broker's public key.
    public var serverKey: CurveKey

    public init(keyPair: CurveKeyPair, serverKey: CurveKey) {
        self.keyPair = keyPair
        self.serverKey = serverKey
    }

    /// Makes `socket` a CURVE client with these keys; call before `connect`.
    public func apply(to socket: ZMQSocket) throws(ZMQError) {
        try socket.configureCurveClient(keyPair, serverKey: serverKey)
    }
}
