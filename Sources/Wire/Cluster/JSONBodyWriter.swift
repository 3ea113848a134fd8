import Foundation

/// Writes JSON by hand for the bodies on the broker's hot path (`TaskSpec`, `TaskResult`,
/// `TaskRecord`, the assignment), byte for byte what `JSONEncoder` with `JSONWire`'s
/// configuration writes for the same values.
///
/// At a few thousand tasks a second, `JSONEncoder`'s generic containers were the largest
/// single cost on the broker thread; this writer does the same job in a tenth of the time.
/// The catch is a second place that knows these bodies' schemas: the property tests in
/// `JSONBodyWriterTests` compare its bytes with `JSONEncoder`'s for random values, so a
/// field added to one and not the other fails there.
///
/// Callers write members in sorted key order (byte order of the UTF-8 keys, as
/// `.sortedKeys` does) and skip absent optionals, as `encodeIfPresent` does.
struct JSONBodyWriter {
    private(set) var bytes: [UInt8]
    /// Whether the next value or key needs a comma before it.
    private var afterValue = false

    init(capacity: Int = 256) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    // MARK: Structure

    mutating func beginObject() {
        separate()
        bytes.append(UInt8(ascii: "{"))
        afterValue = false
    }

    mutating func endObject() {
        bytes.append(UInt8(ascii: "}"))
        afterValue = true
    }

    mutating func beginArray() {
        separate()
        bytes.append(UInt8(ascii: "["))
        afterValue = false
    }

    mutating func endArray() {
        bytes.append(UInt8(ascii: "]"))
        afterValue = true
    }

    /// A member's key; `key` is plain ASCII that needs no escaping.
    mutating func key(_ key: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount))
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        afterValue = false
    }

    /// Already-encoded JSON, written as one value.
    mutating func raw(_ json: [UInt8]) {
        separate()
        bytes.append(contentsOf: json)
        afterValue = true
    }

    // MARK: Values

    mutating func string(_ value: String) {
        separate()
        appendQuoted(value)
        afterValue = true
    }

    mutating func int(_ value: Int) {
        separate()
        bytes.append(contentsOf: String(value).utf8)
        afterValue = true
    }

    mutating func bool(_ value: Bool) {
        separate()
        bytes.append(contentsOf: value ? "true".utf8 : "false".utf8)
        afterValue = true
    }

    /// A number as `JSONEncoder` writes it: whole values below 2⁵³ without a fraction,
    /// others in Swift's shortest round-trip form, non-finite ones as `JSONWire`'s strings.
    mutating func double(_ value: Double) {
        guard value.isFinite else {
            string(value.isNaN ? "NaN" : value < 0 ? "-Infinity" : "Infinity")
            return
        }
        separate()
        if value.rounded(.towardZero) == value, abs(value) < 9_007_199_254_740_992, value.sign == .plus || value != 0 {
            bytes.append(contentsOf: String(Int64(value)).utf8)
        } else {
            var text = value.description
            if text.hasSuffix(".0") { text.removeLast(2) }
            bytes.append(contentsOf: text.utf8)
        }
        afterValue = true
    }

    mutating func date(_ value: Date) {
        string(JSONWire.formatDate(value))
    }

    mutating func strings(_ values: [String]) {
        beginArray()
        for value in values { string(value) }
        endArray()
    }

    /// A string-to-string map as an object with its keys in UTF-8 byte order.
    mutating func stringMap(_ map: [String: String]) {
        beginObject()
        if map.count == 1, let (key, value) = map.first {
            member(key, value)
        } else if !map.isEmpty {
            for (key, value) in map.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
                member(key, value)
            }
        }
        endObject()
    }

    // MARK: Members

    mutating func member(_ name: StaticString, _ value: String) {
        key(name)
        string(value)
    }

    mutating func member(_ name: StaticString, _ value: String?) {
        if let value { member(name, value) }
    }

    mutating func member(_ name: StaticString, _ value: Int) {
        key(name)
        int(value)
    }

    mutating func member(_ name: StaticString, _ value: Int?) {
        if let value { member(name, value) }
    }

    mutating func member(_ name: StaticString, _ value: Double?) {
        if let value {
            key(name)
            double(value)
        }
    }

    mutating func member(_ name: StaticString, _ value: Date?) {
        if let value {
            key(name)
            date(value)
        }
    }

    /// A member whose key is data (a metadata key), escaped like any string.
    private mutating func member(_ name: String, _ value: String) {
        separate()
        appendQuoted(name)
        bytes.append(UInt8(ascii: ":"))
        afterValue = false
        string(value)
    }

    // MARK: Private

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    private mutating func separate() {
        if afterValue { bytes.append(UInt8(ascii: ",")) }
    }

    private mutating func appendQuoted(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { appendEscaped($0) }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Copies runs that need no escape in one go; escapes as `JSONEncoder` does: `\"`,
    /// `\\`, the short forms for backspace, tab, newline, form feed and carriage return,
    /// `\u00xx` (lower-case hex) for other control characters, and nothing else.
    private mutating func appendEscaped(_ text: UnsafeBufferPointer<UInt8>) {
        var runStart = 0
        for index in 0..<text.count {
            let byte = text[index]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
            if runStart < index { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[runStart..<index])) }
            runStart = index + 1
            bytes.append(UInt8(ascii: "\\"))
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
            case 0x08: bytes.append(UInt8(ascii: "b"))
            case 0x09: bytes.append(UInt8(ascii: "t"))
            case 0x0A: bytes.append(UInt8(ascii: "n"))
            case 0x0C: bytes.append(UInt8(ascii: "f"))
            case 0x0D: bytes.append(UInt8(ascii: "r"))
            default:
                bytes.append(contentsOf: "u00".utf8)
                bytes.append(Self.hexDigits[Int(byte >> 4)])
                bytes.append(Self.hexDigits[Int(byte & 0x0F)])
            }
        }
        if runStart < text.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[runStart...])) }
    }
}
