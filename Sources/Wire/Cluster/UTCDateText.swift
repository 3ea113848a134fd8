/// The fast path behind `JSONWire.formatDate` and `JSONWire.parseDate`: the common
/// `YYYY-MM-DDTHH:MM:SS[.fff…]Z` text, written and read by hand instead of through
/// `Date.ISO8601FormatStyle`.
///
/// Covers only instants from 1582-10-15 (the Gregorian start) to the end of year 9999:
/// Foundation counts earlier days on the Julian calendar, which this proleptic Gregorian
/// arithmetic (Howard Hinnant's days-from-civil) would not match. Everything outside,
/// and any text that is not exactly the common shape, returns nil so the caller uses
/// Foundation and the answer stays what it always was.
enum UTCDateText {
    /// 1582-10-15T00:00:00Z, the first instant Foundation dates on the Gregorian calendar.
    static let firstSecond = -12_219_292_800
    /// 10000-01-01T00:00:00Z, the first instant whose year needs five digits.
    static let endSecond = 253_402_300_800

    /// `YYYY-MM-DDTHH:MM:SS.mmmZ` for a whole number of milliseconds since 1970, or nil
    /// outside the range (NaN and infinities included).
    static func format(millisecondsSince1970 roundedTotal: Double) -> String? {
        // Checked as Double so the conversion to Int cannot trap.
        guard roundedTotal >= Double(firstSecond * 1000), roundedTotal < Double(endSecond * 1000) else { return nil }
        let total = Int(roundedTotal)
        let (seconds, millisecond) = floorDivide(total, by: 1000)
        let (days, secondOfDay) = floorDivide(seconds, by: 86_400)
        let (year, month, day) = civil(daysSince1970: days)
        return String(unsafeUninitializedCapacity: 24) { text in
            write(year / 100, at: 0, into: text)
            write(year % 100, at: 2, into: text)
            text[4] = UInt8(ascii: "-")
            write(month, at: 5, into: text)
            text[7] = UInt8(ascii: "-")
            write(day, at: 8, into: text)
            text[10] = UInt8(ascii: "T")
            write(secondOfDay / 3600, at: 11, into: text)
            text[13] = UInt8(ascii: ":")
            write(secondOfDay / 60 % 60, at: 14, into: text)
            text[16] = UInt8(ascii: ":")
            write(secondOfDay % 60, at: 17, into: text)
            text[19] = UInt8(ascii: ".")
            text[20] = UInt8(truncatingIfNeeded: millisecond / 100) &+ UInt8(ascii: "0")
            write(millisecond % 100, at: 21, into: text)
            text[23] = UInt8(ascii: "Z")
            return 24
        }
    }

    /// Milliseconds since 1970 for text of exactly the common shape, or nil for anything else.
    ///
    /// Fraction digits past the fourth are ignored and the first four round half up to the
    /// millisecond, as `JSONWire.parseDate` always did. Ranges are strict (no hour 24, no
    /// second 60, no February 30): Foundation accepts those by rolling over, so they are
    /// left to it.
    static func millisecondsSince1970(parsing text: String) -> Int64? {
        if let parsed = text.utf8.withContiguousStorageIfAvailable(millisecondsSince1970(parsing:)) {
            return parsed
        }
        return Array(text.utf8).withUnsafeBufferPointer(millisecondsSince1970(parsing:))
    }

    private static func millisecondsSince1970(parsing text: UnsafeBufferPointer<UInt8>) -> Int64? {
        let count = text.count
        guard count >= 20, text[count - 1] == UInt8(ascii: "Z"),
            text[4] == UInt8(ascii: "-"), text[7] == UInt8(ascii: "-"), text[10] == UInt8(ascii: "T"),
            text[13] == UInt8(ascii: ":"), text[16] == UInt8(ascii: ":"),
            let century = twoDigits(text, at: 0), let yearOfCentury = twoDigits(text, at: 2),
            let month = twoDigits(text, at: 5), let day = twoDigits(text, at: 8),
            let hour = twoDigits(text, at: 11), let minute = twoDigits(text, at: 14),
            let second = twoDigits(text, at: 17),
            (1...12).contains(month), day >= 1, hour < 24, minute < 60, second < 60
        else { return nil }
        let year = century * 100 + yearOfCentury
        guard day <= daysIn(month: month, year: year) else { return nil }
        var millisecond = 0
        if count > 20 {
            guard count > 21, text[19] == UInt8(ascii: ".") else { return nil }
            var scaled = 0
            for index in 20..<(count - 1) {
                let digit = Int(text[index] &- UInt8(ascii: "0"))
                guard digit < 10 else { return nil }
                if index < 24 { scaled = scaled * 10 + digit }
            }
            for _ in min(count - 1, 24)..<24 { scaled *= 10 }
            millisecond = (scaled + 5) / 10
        }
        let seconds = days(year: year, month: month, day: day) * 86_400 + hour * 3600 + minute * 60 + second
        guard seconds >= firstSecond, seconds < endSecond else { return nil }
        return Int64(seconds * 1000 + millisecond)
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's `days_from_civil`).
    static func days(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = floorDivide(shiftedYear, by: 400).quotient
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The proleptic Gregorian date of a day counted from 1970-01-01 (Hinnant's `civil_from_days`).
    static func civil(daysSince1970: Int) -> (year: Int, month: Int, day: Int) {
        let (era, dayOfEra) = floorDivide(daysSince1970 + 719_468, by: 146_097)
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private static func twoDigits(_ text: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
        let tens = text[index] &- UInt8(ascii: "0")
        let ones = text[index + 1] &- UInt8(ascii: "0")
        guard tens < 10, ones < 10 else { return nil }
        return Int(tens) * 10 + Int(ones)
    }

    private static func write(_ value: Int, at index: Int, into text: UnsafeMutableBufferPointer<UInt8>) {
        text[index] = UInt8(truncatingIfNeeded: value / 10) &+ UInt8(ascii: "0")
        text[index + 1] = UInt8(truncatingIfNeeded: value % 10) &+ UInt8(ascii: "0")
    }

    private static func floorDivide(_ value: Int, by divisor: Int) -> (quotient: Int, remainder: Int) {
        let remainder = ((value % divisor) + divisor) % divisor
        return ((value - remainder) / divisor, remainder)
    }
}
