/// Why bytes could not be Z85-encoded or text could not be Z85-decoded.
public enum Z85Error: Error, Equatable, Sendable, CustomStringConvertible {
    /// Z85 encodes whole 4-byte groups only.
    case inputNotMultipleOfFour(byteCount: Int)
    /// Z85 text comes in whole 5-character groups only (length counted in UTF-8 bytes).
    case textNotMultipleOfFive(length: Int)
    /// The character at this UTF-8 offset is not in the Z85 alphabet.
    case invalidCharacter(offset: Int)
    /// The 5-character group starting at this offset encodes a value above 2^32 - 1.
    case groupTooLarge(offset: Int)

    /// A sentence saying what was wrong with the input.
    public var description: String {
        switch self {
        case .inputNotMultipleOfFour(let count):
            "Z85 encodes whole 4-byte groups, but got \(count) bytes"
        case .textNotMultipleOfFive(let length):
            "Z85 text comes in whole 5-character groups, but got \(length) characters"
        case .invalidCharacter(let offset):
            "Z85 text has a character outside the Z85 alphabet at offset \(offset)"
        case .groupTooLarge(let offset):
            "Z85 group at offset \(offset) encodes a value larger than 32 bits"
        }
    }
}
