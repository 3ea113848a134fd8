/// Reads the plain shape of the bodies on the broker's hot path by hand, for
/// `JSONWire.decode`'s fast path (`JSONBodyReader+HotBodies`).
///
/// It is a shortcut, never the judge: anything it is not sure of (an escaped key, a
/// duplicate member, a number that is not a plain integer where one is expected, a lone
/// surrogate, deep nesting, bytes after the value) makes the read return nil, and the
/// caller asks `JSONDecoder`, whose answer or error is the real one. So it only has to be
/// at least as strict as `JSONDecoder`, and agree with it on every value it does return;
/// `JSONBodyReaderTests` checks both against `JSONDecoder` on random and damaged bodies.
///
/// Why it exists: `JSONDecoder`'s generic containers cost the broker thread tens of
/// microseconds for each submit and each result, a fifth of its time at full load.
struct JSONBodyReader {
    /// A member's key, as raw bytes in the body (keys with escapes are not read here).
    struct Key {
        fileprivate let start: Int
        fileprivate let count: Int
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0
    /// Set by the first thing that does not read; every later read returns nil.
    private(set) var failed = false

    private static let maximumDepth = 32

    private init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// Runs `read` over `bytes` and returns its value if it read one and nothing but
    /// white space follows.
    static func read<Value>(_ bytes: [UInt8], _ read: (inout JSONBodyReader) -> Value?) -> Value? {
        bytes.withUnsafeBufferPointer { buffer in
            var reader = JSONBodyReader(bytes: buffer)
            guard let value = read(&reader), !reader.failed else { return nil }
            reader.skipWhiteSpace()
            return reader.index == buffer.count ? value : nil
        }
    }

    // MARK: Objects

    /// Consumes `{`.
    mutating func beginObject() -> Bool {
        consume(UInt8(ascii: "{"))
    }

    /// The next member's key (consuming it and the `:`), or nil at the object's `}`
    /// (consumed) or on anything unreadable (then `failed` is set).
    mutating func nextKey(first: inout Bool) -> Key? {
        skipWhiteSpace()
        guard index < bytes.count else { return fail() }
        if bytes[index] == UInt8(ascii: "}") {
            index += 1
            return nil
        }
        if !first {
            guard bytes[index] == UInt8(ascii: ","), advancePastWhiteSpace() else { return fail() }
        }
        first = false
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return fail() }
        let start = index + 1
        var end = start
        while end < bytes.count, bytes[end] != UInt8(ascii: "\"") {
            // Escaped or non-ASCII keys are never the known ones; leave them to JSONDecoder.
            guard bytes[end] >= 0x20, bytes[end] < 0x80, bytes[end] != UInt8(ascii: "\\") else { return fail() }
            end += 1
        }
        guard end < bytes.count else { return fail() }
        index = end + 1
        guard consume(UInt8(ascii: ":")) else { return fail() }
        return Key(start: start, count: end - start)
    }

    /// Whether `key` is `name`.
    func key(_ key: Key, is name: StaticString) -> Bool {
        guard key.count == name.utf8CodeUnitCount else { return false }
        let text = UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount)
        for offset in 0..<key.count where bytes[key.start + offset] != text[offset] { return false }
        return true
    }

    // MARK: Values

    /// Consumes `null` if it is next.
    mutating func consumeNull() -> Bool {
        skipWhiteSpace()
        return consumeWord("null")
    }

    mutating func bool() -> Bool? {
        skipWhiteSpace()
        if consumeWord("true") { return true }
        if consumeWord("false") { return false }
        return fail()
    }

    /// A plain integer (`-?(0|[1-9][0-9]*)`, at most 18 digits); fractions and exponents,
    /// which `JSONDecoder` sometimes accepts for integers, are left to it.
    mutating func int() -> Int? {
        skipWhiteSpace()
        var position = index
        let negative = position < bytes.count && bytes[position] == UInt8(ascii: "-")
        if negative { position += 1 }
        let digitsStart = position
        var value = 0
        while position < bytes.count, let digit = Self.digit(bytes[position]) {
            // Past 18 digits the value could overflow; it is refused below anyway.
            if position - digitsStart < 18 { value = value * 10 + digit }
            position += 1
        }
        let digits = position - digitsStart
        guard digits > 0, digits <= 18, digits == 1 || bytes[digitsStart] != UInt8(ascii: "0") else { return fail() }
        if position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"): return fail()
            default: break
            }
        }
        index = position
        return negative ? -value : value
    }

    /// A finite number in JSON's grammar, converted as `Double(_: String)` does (correctly
    /// rounded, like `JSONDecoder`), or one of `JSONWire`'s strings for the others.
    mutating func double() -> Double? {
        skipWhiteSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "\"") {
            switch string() {
            case "NaN": return .nan
            case "Infinity": return .infinity
            case "-Infinity": return -.infinity
            default: return fail()
            }
        }
        guard let end = numberEnd(from: index), end - index <= 40 else { return fail() }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[index..<end]), as: UTF8.self)
        // Overflow to infinity, and underflow of a non-zero number to zero, are left to
        // JSONDecoder, whatever it makes of them.
        guard let value = Double(text), value.isFinite,
              value != 0 || !text.utf8.prefix(while: { $0 != UInt8(ascii: "e") && $0 != UInt8(ascii: "E") })
                  .contains(where: { $0 >= UInt8(ascii: "1") && $0 <= UInt8(ascii: "9") })
        else { return fail() }
        index = end
        return value
    }

    /// A string, unescaped; nil (and failed) for raw control characters, bad escapes, lone
    /// surrogates or invalid UTF-8.
    mutating func string() -> String? {
        skipWhiteSpace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return fail() }
        let start = index + 1
        var position = start
        var plainASCII = true
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                index = position + 1
                let raw = UnsafeBufferPointer(rebasing: bytes[start..<position])
                if plainASCII { return String(decoding: raw, as: UTF8.self) }
                return String(validating: raw, as: UTF8.self) ?? fail()
            }
            if byte == UInt8(ascii: "\\") { return escapedString(from: start) }
            guard byte >= 0x20 else { return fail() }
            if byte >= 0x80 { plainASCII = false }
            position += 1
        }
        return fail()
    }

    /// An array of strings.
    mutating func strings() -> [String]? {
        guard consume(UInt8(ascii: "[")) else { return fail() }
        var values: [String] = []
        skipWhiteSpace()
        if consume(UInt8(ascii: "]")) { return values }
        repeat {
            guard let value = string() else { return nil }
            values.append(value)
        } while consume(UInt8(ascii: ","))
        return consume(UInt8(ascii: "]")) ? values : fail()
    }

    /// An object of strings; nil for a duplicate key (`JSONDecoder` keeps the first).
    mutating func stringMap() -> [String: String]? {
        guard beginObject() else { return fail() }
        var map: [String: String] = [:]
        skipWhiteSpace()
        if consume(UInt8(ascii: "}")) { return map }
        repeat {
            guard let key = string() else { return nil }
            guard consume(UInt8(ascii: ":")), let value = string() else { return fail() }
            guard map.updateValue(value, forKey: key) == nil else { return fail() }
        } while consume(UInt8(ascii: ","))
        return consume(UInt8(ascii: "}")) ? map : fail()
    }

    /// Reads past any value, checking it is well formed.
    mutating func skipValue() -> Bool {
        skipValue(depth: 0)
    }

    /// Marks the read failed; returns nil so callers can `return fail()`.
    mutating func fail<Value>() -> Value? {
        failed = true
        return nil
    }

    /// Marks the read failed; returns false so callers can `return failing()`.
    mutating func failing() -> Bool {
        failed = true
        return false
    }

    // MARK: Private

    private mutating func skipValue(depth: Int) -> Bool {
        guard depth < Self.maximumDepth else { return failing() }
        skipWhiteSpace()
        guard index < bytes.count else { return failing() }
        switch bytes[index] {
        case UInt8(ascii: "\""):
            return string() != nil
        case UInt8(ascii: "{"):
            index += 1
            skipWhiteSpace()
            if consume(UInt8(ascii: "}")) { return true }
            repeat {
                guard string() != nil, consume(UInt8(ascii: ":")), skipValue(depth: depth + 1) else { return failing() }
            } while consume(UInt8(ascii: ","))
            return consume(UInt8(ascii: "}")) || failing()
        case UInt8(ascii: "["):
            index += 1
            skipWhiteSpace()
            if consume(UInt8(ascii: "]")) { return true }
            repeat {
                guard skipValue(depth: depth + 1) else { return false }
            } while consume(UInt8(ascii: ","))
            return consume(UInt8(ascii: "]")) || failing()
        case UInt8(ascii: "t"), UInt8(ascii: "f"):
            return bool() != nil
        case UInt8(ascii: "n"):
            return consumeNull() || failing()
        default:
            return double() != nil
        }
    }

    private mutating func escapedString(from start: Int) -> String? {
        var unescaped: [UInt8] = []
        unescaped.reserveCapacity(64)
        var position = start
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            switch byte {
            case UInt8(ascii: "\""):
                index = position
                return String(validating: unescaped, as: UTF8.self) ?? fail()
            case UInt8(ascii: "\\"):
                guard position < bytes.count else { return fail() }
                let escape = bytes[position]
                position += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): unescaped.append(escape)
                case UInt8(ascii: "b"): unescaped.append(0x08)
                case UInt8(ascii: "f"): unescaped.append(0x0C)
                case UInt8(ascii: "n"): unescaped.append(0x0A)
                case UInt8(ascii: "r"): unescaped.append(0x0D)
                case UInt8(ascii: "t"): unescaped.append(0x09)
                case UInt8(ascii: "u"):
                    guard let scalar = unicodeEscape(at: &position) else { return fail() }
                    unescaped.append(contentsOf: String(Character(scalar)).utf8)
                default: return fail()
                }
            default:
                guard byte >= 0x20 else { return fail() }
                unescaped.append(byte)
            }
        }
        return fail()
    }

    /// The scalar of `XXXX` (after `\u`) at `position`, joining a surrogate pair.
    private func unicodeEscape(at position: inout Int) -> Unicode.Scalar? {
        guard let first = hexQuad(at: position) else { return nil }
        position += 4
        switch first {
        case 0xD800..<0xDC00:
            guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u"),
                  let second = hexQuad(at: position + 2), (0xDC00..<0xE000).contains(second) else { return nil }
            position += 6
            return Unicode.Scalar(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00))
        case 0xDC00..<0xE000:
            return nil
        default:
            return Unicode.Scalar(first)
        }
    }

    private func hexQuad(at position: Int) -> UInt32? {
        guard position + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for offset in 0..<4 {
            let byte = bytes[position + offset]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    /// Where the JSON number starting at `start` ends, or nil if none starts there.
    private func numberEnd(from start: Int) -> Int? {
        var position = start
        if position < bytes.count, bytes[position] == UInt8(ascii: "-") { position += 1 }
        let integerStart = position
        while position < bytes.count, Self.digit(bytes[position]) != nil { position += 1 }
        let integerDigits = position - integerStart
        guard integerDigits > 0, integerDigits == 1 || bytes[integerStart] != UInt8(ascii: "0") else { return nil }
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            position += 1
            let fractionStart = position
            while position < bytes.count, Self.digit(bytes[position]) != nil { position += 1 }
            guard position > fractionStart else { return nil }
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") { position += 1 }
            let exponentStart = position
            while position < bytes.count, Self.digit(bytes[position]) != nil { position += 1 }
            guard position > exponentStart else { return nil }
        }
        return position
    }

    private static func digit(_ byte: UInt8) -> Int? {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? Int(byte - UInt8(ascii: "0")) : nil
    }

    private mutating func skipWhiteSpace() {
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"): index += 1
            default: return
            }
        }
    }

    /// Steps over the current byte, then white space; false at the end.
    private mutating func advancePastWhiteSpace() -> Bool {
        index += 1
        skipWhiteSpace()
        return index < bytes.count
    }

    /// Consumes `byte` after white space, if it is next.
    private mutating func consume(_ byte: UInt8) -> Bool {
        skipWhiteSpace()
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    private mutating func consumeWord(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        let text = UnsafeBufferPointer(start: word.utf8Start, count: count)
        for offset in 0..<count where bytes[index + offset] != text[offset] { return false }
        index += count
        return true
    }
}
