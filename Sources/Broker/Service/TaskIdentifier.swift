import Foundation
import Synchronization

/// New task ids: short, lower-case, roughly time-ordered (`mf3k2q9a-x7p2c1`), so they
/// sort by creation in listings and are easy to type.
enum TaskIdentifier {
    private static let alphabet = Array("0123456789abcdefghijklmnopqrstuvwxyz".utf8)
    /// Random draws for the suffixes, taken from the kernel 512 at a time: a `getrandom`
    /// call per id is a visible share of the broker thread under load (docs/BENCHMARKS.md, part 3).
    private static let draws = Mutex(RandomDraws())

    static func make(now: Date = Date()) -> String {
        make(now: now, random: draws.withLock { $0.next() })
    }

    /// The id for `now` whose six-character suffix spells `random` (modulo 36^6).
    static func make(now: Date, random: UInt64) -> String {
        let milliseconds = UInt64(max(0, now.timeIntervalSince1970 * 1000))
        var suffix = random % 2_176_782_336  // 36^6
        var bytes = Array(String(milliseconds, radix: 36).utf8)
        bytes.reserveCapacity(bytes.count + 7)
        bytes.append(UInt8(ascii: "-"))
        for _ in 0..<6 {
            bytes.append(alphabet[Int(suffix % 36)])
            suffix /= 36
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// Random 64-bit values from the system's generator, fetched in bulk.
struct RandomDraws: Sendable {
    private var buffer = [UInt64](repeating: 0, count: 512)
    private var used = 512

    mutating func next() -> UInt64 {
        if used == buffer.count {
            buffer.withUnsafeMutableBytes { bytes in
                guard let base = bytes.baseAddress else { return }
                arc4random_buf(base, bytes.count)
            }
            used = 0
        }
        defer { used += 1 }
        return buffer[used]
    }
}
