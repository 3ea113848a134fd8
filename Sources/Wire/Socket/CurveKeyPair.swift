import CZeroMQ

/// A CURVE long-term key pair: a broker's, an agent's or a client's identity on the bus.
///
/// ```swift
/// let broker = try CurveKeyPair.generate()
/// try router.configureCurveServer(broker)
/// ```
public struct CurveKeyPair: Sendable, Hashable, CustomStringConvertible {
    /// The half peers may know and list in authorised-keys files.
    public let publicKey: CurveKey
    /// The half that never leaves its owner.
    public let secretKey: CurveKey

    /// A pair from two keys already known to belong together.
    public init(publicKey: CurveKey, secretKey: CurveKey) {
        self.publicKey = publicKey
        self.secretKey = secretKey
    }

    /// The pair of `secretKey`, its public half derived by libzmq (`zmq_curve_public`).
    public init(secretKey: CurveKey) throws(ZMQError) {
        var publicText = [CChar](repeating: 0, count: CurveKey.z85Length + 1)
        let secretText = Array(secretKey.z85.utf8CString)
        guard zmq_curve_public(&publicText, secretText) == 0 else {
            throw ZMQError.last("derive a CURVE public key")
        }
        self.init(publicKey: try Self.key(fromZ85: publicText), secretKey: secretKey)
    }

    /// A fresh random key pair from libzmq (`zmq_curve_keypair`); fails when libzmq was
    /// built without CURVE (see `ZMQVersion.hasCurve`).
    public static func generate() throws(ZMQError) -> CurveKeyPair {
        var publicText = [CChar](repeating: 0, count: CurveKey.z85Length + 1)
        var secretText = [CChar](repeating: 0, count: CurveKey.z85Length + 1)
        guard zmq_curve_keypair(&publicText, &secretText) == 0 else {
            throw ZMQError.last("generate a CURVE key pair")
        }
        return CurveKeyPair(publicKey: try key(fromZ85: publicText), secretKey: try key(fromZ85: secretText))
    }

    private static func key(fromZ85 text: [CChar]) throws(ZMQError) -> CurveKey {
        let characters = text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        do {
            return try CurveKey(z85: String(decoding: characters, as: UTF8.self))
        } catch {
            throw ZMQError(code: EPROTO, operation: "read the key libzmq made (\(error))")
        }
    }

    /// The public key only: the secret never goes into logs.
    public var description: String { "CurveKeyPair(public: \(publicKey.z85), secret: <redacted>)" }
}
