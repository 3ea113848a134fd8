import Foundation

extension JSONWire {
    /// Writes a date the way bodies carry it: ISO-8601 UTC, rounded to the millisecond.
    ///
    /// Foundation's own fractional style truncates a binary fraction (…​.836 can print as
    /// …​.835), so the milliseconds are computed here and a round trip is exact. Dates from
    /// 1582-10-15 to 9999 are written by hand (`UTCDateText`), the rest through Foundation.
    public static func formatDate(_ date: Date) -> String {
        UTCDateText.format(millisecondsSince1970: (date.timeIntervalSince1970 * 1000).rounded())
            ?? foundationFormatDate(date)
    }

    /// Reads an ISO-8601 date with or without fractional seconds (any number of digits,
    /// kept to the millisecond) and with `Z` or a numeric offset.
    public static func parseDate(_ text: String) -> Date? {
        if let milliseconds = UTCDateText.millisecondsSince1970(parsing: text) {
            return Date(timeIntervalSince1970: Double(milliseconds) / 1000)
        }
        return foundationParseDate(text)
    }

    /// `formatDate` done entirely through Foundation: the reference the fast path must match.
    static func foundationFormatDate(_ date: Date) -> String {
        let totalMilliseconds = (date.timeIntervalSince1970 * 1000).rounded()
        guard totalMilliseconds.isFinite, abs(totalMilliseconds) < 1e17 else {
            return date.formatted(wholeSecondStyle)
        }
        let milliseconds = Int64(totalMilliseconds)
        let (seconds, fraction) = floorDivide(milliseconds, by: 1000)
        let whole = Date(timeIntervalSince1970: Double(seconds)).formatted(wholeSecondStyle)
        let digits = String(fraction)
        let padded = String(repeating: "0", count: 3 - digits.count) + digits
        return whole.dropLast() + "." + padded + "Z"
    }

    /// `parseDate` done entirely through Foundation: the reference the fast path must match,
    /// and the reader for every shape the fast path leaves alone (offsets, odd spellings).
    static func foundationParseDate(_ text: String) -> Date? {
        var whole = text
        var fractionDigits = ""
        if let dot = text.firstIndex(of: "."), text[..<dot].contains("T") {
            let afterDot = text[text.index(after: dot)...]
            fractionDigits = String(afterDot.prefix { $0.isASCII && $0.isNumber })
            guard !fractionDigits.isEmpty else { return nil }
            whole = String(text[..<dot]) + afterDot.dropFirst(fractionDigits.count)
        }
        guard let date = try? wholeSecondStyle.parse(whole) else { return nil }
        let seconds = Int64(date.timeIntervalSince1970.rounded())
        let milliseconds = fractionDigits.isEmpty ? 0 : fractionMilliseconds(fractionDigits)
        return Date(timeIntervalSince1970: Double(seconds * 1000 + milliseconds) / 1000)
    }

    /// Milliseconds in a run of fraction digits, rounded half up (`"5"` is 500, `"8359"` is 836).
    private static func fractionMilliseconds(_ digits: String) -> Int64 {
        let kept = digits.prefix(4).map { Int64($0.wholeNumberValue ?? 0) }
        let scaled = kept.reduce(0) { $0 * 10 + $1 } * [1000, 100, 10, 1][kept.count - 1]
        return (scaled + 5) / 10
    }

    private static func floorDivide(_ value: Int64, by divisor: Int64) -> (quotient: Int64, remainder: Int64) {
        let remainder = ((value % divisor) + divisor) % divisor
        return ((value - remainder) / divisor, remainder)
    }

    private static let wholeSecondStyle = Date.ISO8601FormatStyle()
}
