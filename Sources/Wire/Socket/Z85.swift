/// ZeroMQ's Z85 text encoding (RFC 32/Z85), used for CURVE keys in config files and logs.
///
/// ```swift
/// let text = try Z85.encode([0x86, 0x4F, 0xD2, 0x6F, 0xB5, 0x59, 0xF7, 0x5B])  // "HelloWorld"
/// let bytes = try Z85.decode(text)
/// ```
///
/// Pure Swift so bad input is rejected with a reason instead of libzmq's bare NULL.
public enum Z85 {
    static let alphabet: [UInt8] = Array(
        "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#".utf8
    )

    /// Each byte's digit value, or -1 for bytes outside the alphabet.
    static let digits: [Int8] = {
        var table = [Int8](repeating: -1, count: 256)
        for (value, byte) in alphabet.enumerated() { table[Int(byte)] = Int8(value) }
        return table
    }()

    /// Encodes `bytes`, whose count must be a multiple of 4, as 5 characters per 4 bytes.
    public static func encode(_ bytes: [UInt8]) throws(Z85Error) -> String {
        guard bytes.count % 4 == 0 else { throw .inputNotMultipleOfFour(byteCount: bytes.count) }
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count / 4 * 5)
        var index = 0
        while index < bytes.count {
            var value = UInt32(bytes[index]) << 24 | UInt32(bytes[index + 1]) << 16
            value |= UInt32(bytes[index + 2]) << 8 | UInt32(bytes[index + 3])
            let start = text.count
            text.append(contentsOf: repeatElement(0, count: 5))
            for position in stride(from: start + 4, through: start, by: -1) {
                text[position] = alphabet[Int(value % 85)]
                value /= 85
            }
            index += 4
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// Decodes Z85 `text`, whose length must be a multiple of 5, into 4 bytes per 5 characters.
    public static func decode(_ text: String) throws(Z85Error) -> [UInt8] {
        let characters = Array(text.utf8)
        guard characters.count % 5 == 0 else { throw .textNotMultipleOfFive(length: characters.count) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(characters.count / 5 * 4)
        var index = 0
        while index < characters.count {
            var value: UInt64 = 0
            for offset in index..<index + 5 {
                let digit = digits[Int(characters[offset])]
                guard digit >= 0 else { throw .invalidCharacter(offset: offset) }
                value = value * 85 + UInt64(digit)
            }
            guard value <= UInt64(UInt32.max) else { throw .groupTooLarge(offset: index) }
            bytes.append(UInt8(truncatingIfNeeded: value >> 24))
            bytes.append(UInt8(truncatingIfNeeded: value >> 16))
            bytes.append(UInt8(truncatingIfNeeded: value >> 8))
            bytes.append(UInt8(truncatingIfNeeded: value))
            index += 5
        }
        return bytes
    }
}
