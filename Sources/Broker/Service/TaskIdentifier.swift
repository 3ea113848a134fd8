import Foundation

/// New task ids: short, lower-case, roughly time-ordered (`mf3k2q9a-x7p2c1`), so they
/// sort by creation in listings and are easy to type.
enum TaskIdentifier {
    private static let alphabet = Array("0123456789abcdefghijklmnopqrstuvwxyz")

    static func make(now: Date = Date()) -> String {
        let milliseconds = UInt64(max(0, now.timeIntervalSince1970 * 1000))
        var random = SystemRandomNumberGenerator()
        let suffix = String((0..<6).map { _ in alphabet[Int(random.next(upperBound: UInt64(alphabet.count)))] })
        return String(milliseconds, radix: 36) + "-" + suffix
    }
}
