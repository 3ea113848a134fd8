/// Splits a byte stream into lines at `\n` only.
///
/// Subprocess's own line reader also splits at U+2028/U+2029, which JSON text may contain
/// unescaped, and throws on long lines; stream-json needs neither.
struct LineSplitter: Sendable {
    /// A line longer than this is cut here and the rest of it dropped.
    let maxLineBytes: Int
    private var pending: [UInt8] = []
    private var discarding = false

    init(maxLineBytes: Int = 8 << 20) {
        self.maxLineBytes = max(1, maxLineBytes)
    }

    /// Adds bytes and returns every line they complete, without the line break.
    mutating func push(_ bytes: some Sequence<UInt8>) -> [String] {
        var lines: [String] = []
        for byte in bytes {
            if byte == UInt8(ascii: "\n") {
                if !discarding { lines.append(Self.decode(pending)) }
                pending.removeAll(keepingCapacity: true)
                discarding = false
            } else if !discarding {
                pending.append(byte)
                if pending.count >= maxLineBytes {
                    lines.append(Self.decode(pending))
                    pending.removeAll(keepingCapacity: true)
                    discarding = true
                }
            }
        }
        return lines
    }

    /// The unterminated last line, if any.
    mutating func finish() -> String? {
        defer {
            pending.removeAll()
            discarding = false
        }
        return pending.isEmpty || discarding ? nil : Self.decode(pending)
    }

    private static func decode(_ bytes: [UInt8]) -> String {
        var line = bytes[...]
        if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
        return String(decoding: line, as: UTF8.self)
    }
}
