/// One frame of a ZeroMQ multipart message: an opaque run of bytes.
///
/// Frames are value types so a decoded message can cross threads freely; the socket layer
/// copies bytes exactly once in each direction (into libzmq on send, out of it on receive).
public struct Frame: Hashable, Sendable {
    public var bytes: [UInt8]

    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// A frame holding the UTF-8 bytes of `string`.
    public init(_ string: String) { self.bytes = Array(string.utf8) }

    /// The zero-length frame MDP uses as an envelope delimiter.
    public static let empty = Frame([])

    public var isEmpty: Bool { bytes.isEmpty }
    public var count: Int { bytes.count }

    /// The frame read as UTF-8, or nil when it is not valid UTF-8.
    public var string: String? { String(validating: bytes, as: UTF8.self) }
}

extension Frame: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self.init(value) }
}

extension Frame: CustomStringConvertible {
    /// Printable frames as text, others as hex, long ones shortened: for logs.
    public var description: String {
        if let text = string, text.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7f }) {
            return text.count > 64 ? "\"\(text.prefix(64))…\" (\(count) bytes)" : "\"\(text)\""
        }
        let hex = bytes.prefix(32).map { byte in
            let digits = String(byte, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }.joined()
        return count > 32 ? "0x\(hex)… (\(count) bytes)" : "0x\(hex)"
    }
}
