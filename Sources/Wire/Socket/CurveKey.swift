/// One 32-byte CURVE key (public or secret), as raw bytes or as 40 Z85 characters.
///
/// ```swift
/// let serverKey = try CurveKey(z85: "rq:rM>}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf7")
/// try client.setCurveServerKey(serverKey)
/// ```
public struct CurveKey: Sendable, Hashable, CustomStringConvertible {
    /// The key's length in bytes.
    public static let byteCount = 32
    /// The key's length in Z85 characters.
    public static let z85Length = 40

    /// The 32 key bytes.
    public let raw: [UInt8]

    /// A key from its 32 raw bytes.
    public init(raw: [UInt8]) throws(CurveKeyError) {
        guard raw.count == Self.byteCount else { throw .wrongByteCount(raw.count) }
        self.raw = raw
    }

    /// A key from its 40-character Z85 text (surrounding whitespace is ignored).
    public init(z85: String) throws(CurveKeyError) {
        var text = Substring(z85)
        while text.first?.isWhitespace == true { text.removeFirst() }
        while text.last?.isWhitespace == true { text.removeLast() }
        guard text.utf8.count == Self.z85Length else { throw .wrongZ85Length(text.utf8.count) }
        do {
            raw = try Z85.decode(String(text))
        } catch {
            throw .invalidZ85(error)
        }
    }

    /// The key as 40 Z85 characters, the form config files and `zmq_curve_keypair` use.
    public var z85: String {
        // 32 bytes is a whole number of 4-byte groups, so encoding cannot fail.
        (try? Z85.encode(raw)) ?? ""
    }

    /// The Z85 text. Print only public keys: a secret key's text is the secret.
    public var description: String { z85 }
}
