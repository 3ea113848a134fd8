import Foundation

/// New task ids: short, lower-case, roughly time-ordered (`mf3k2q9a-x7p2c1`), so they
/// sort by creation in listings and are easy to type.
enum TaskIdentifier {
    private static let alphabet = Array("0123456789abcdefghijklmnopqrstuvwxyz")

    static func make(now: Date = Date()) -> String {
        let milliseconds = UInt64(max(0, now.timeIntervalSince1970 * 1000))
        // One draw for all six characters (36^6 < 2^32): each draw is a getrandom call.
        var generator = SystemRandomNumberGenerator()
        var random = generator.next(upperBound: 2_176_782_336 as UInt64)
        var suffix = ""
        for _ in 0..<6 {
            suffix.append(alphabet[Int(random % 36)])
            random /= 36
        }
        return String(milliseconds, radix: 36) + "-" + suffix
    }
}
