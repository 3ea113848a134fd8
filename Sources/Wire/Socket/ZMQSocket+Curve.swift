import CZeroMQ

/// CURVE encryption and authentication options (RFC 26/CurveZMQ).
extension ZMQSocket {
    /// Makes this socket the CURVE server side: it needs its secret key, and clients need
    /// its public key. Set before `bind`.
    public func setCurveServer(_ on: Bool) throws(ZMQError) {
        try setOption(ZMQ_CURVE_SERVER, on, "set CURVE_SERVER")
    }

    /// This socket's own long-term public key.
    public func setCurvePublicKey(_ key: CurveKey) throws(ZMQError) {
        try setOption(ZMQ_CURVE_PUBLICKEY, key.raw, "set CURVE_PUBLICKEY")
    }

    /// This socket's own long-term secret key.
    public func setCurveSecretKey(_ key: CurveKey) throws(ZMQError) {
        try setOption(ZMQ_CURVE_SECRETKEY, key.raw, "set CURVE_SECRETKEY")
    }

    /// Client side: the server's public key; setting it makes this socket a CURVE client.
    public func setCurveServerKey(_ key: CurveKey) throws(ZMQError) {
        try setOption(ZMQ_CURVE_SERVERKEY, key.raw, "set CURVE_SERVERKEY")
    }

    /// Everything a CURVE server needs: server role and its own key pair. Call before `bind`.
    ///
    /// Without a ZAP handler libzmq admits any client that knows the server's public key;
    /// the broker runs one to check client keys against the authorised-keys directory.
    public func configureCurveServer(_ keyPair: CurveKeyPair) throws(ZMQError) {
        try setCurveServer(true)
        try setCurveSecretKey(keyPair.secretKey)
        try setCurvePublicKey(keyPair.publicKey)
    }

    /// Everything a CURVE client needs: its own key pair and the server's public key.
    /// Call before `connect`.
    public func configureCurveClient(_ keyPair: CurveKeyPair, serverKey: CurveKey) throws(ZMQError) {
        try setCurvePublicKey(keyPair.publicKey)
        try setCurveSecretKey(keyPair.secretKey)
        try setCurveServerKey(serverKey)
    }
}
