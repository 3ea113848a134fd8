/// Why bytes or text are not a CURVE key.
public enum CurveKeyError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A raw key must be exactly 32 bytes.
    case wrongByteCount(Int)
    /// A Z85 key must be exactly 40 characters.
    case wrongZ85Length(Int)
    /// The 40 characters are not valid Z85.
    case invalidZ85(Z85Error)

    /// A sentence saying what was wrong with the key.
    public var description: String {
        switch self {
        case .wrongByteCount(let count):
            "a CURVE key is \(CurveKey.byteCount) bytes, but got \(count)"
        case .wrongZ85Length(let length):
            "a Z85 CURVE key is \(CurveKey.z85Length) characters, but got \(length)"
        case .invalidZ85(let error):
            "not a CURVE key: \(error)"
        }
    }
}
