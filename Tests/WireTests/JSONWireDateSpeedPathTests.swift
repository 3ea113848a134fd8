import Foundation
import PropertyBased
import Testing

@testable import Wire

/// The hand-written date paths (`UTCDateText`) must give exactly what the Foundation-based
/// reference gives: the same text, the same `Date` bits, the same nil.
@Suite("JSONWire dates: fast path agrees with Foundation")
struct JSONWireDateSpeedPathTests {
    /// 0001-01-01T00:00:00.000Z and 9999-12-31T23:59:59.999Z in milliseconds since 1970.
    static let allYears: ClosedRange<Int64> = -62_135_596_800_000...253_402_300_799_999

    static func sameDate(_ fast: Date?, _ reference: Date?) -> Bool {
        fast?.timeIntervalSince1970.bitPattern == reference?.timeIntervalSince1970.bitPattern
    }

    static func expectBothPathsAgree(on text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let fast = JSONWire.parseDate(text)
        let reference = JSONWire.foundationParseDate(text)
        #expect(sameDate(fast, reference), "\"\(text)\": \(String(describing: fast)) vs \(String(describing: reference))",
            sourceLocation: sourceLocation)
    }

    @Test("ms-aligned dates in years 1...9999 format, parse and round-trip like Foundation")
    func alignedDatesMatch() async {
        await propertyCheck(count: 3000, input: Gen.int64(in: Self.allYears)) { milliseconds in
            let date = Date(timeIntervalSince1970: Double(milliseconds) / 1000)
            let text = JSONWire.formatDate(date)
            #expect(text == JSONWire.foundationFormatDate(date))
            Self.expectBothPathsAgree(on: text)
            #expect(Self.sameDate(JSONWire.parseDate(text), date), "\(text) did not round-trip")
        }
    }

    @Test("arbitrary instants, before and after 1970, round to the same millisecond text")
    func arbitraryInstantsMatch() async {
        let seconds = Gen.double(in: -62_135_596_800...253_402_300_799)
        await propertyCheck(count: 2000, input: seconds) { seconds in
            let date = Date(timeIntervalSince1970: seconds)
            #expect(JSONWire.formatDate(date) == JSONWire.foundationFormatDate(date))
        }
        await propertyCheck(count: 1000, input: Gen.double(in: -3...3)) { seconds in
            let date = Date(timeIntervalSince1970: seconds)
            #expect(JSONWire.formatDate(date) == JSONWire.foundationFormatDate(date))
        }
    }

    @Test("leap days, year ends and the Gregorian start match Foundation both ways")
    func calendarEdgesMatch() {
        let years = [1, 4, 100, 1000, 1581, 1582, 1583, 1600, 1700, 1899, 1900, 1969, 1970, 1999, 2000, 2023, 2024, 2100, 2400, 9999]
        let days = ["01-01", "02-28", "02-29", "03-01", "04-30", "10-04", "10-05", "10-14", "10-15", "12-31"]
        let times = ["00:00:00", "23:59:59"]
        let fractions = ["", ".0", ".000", ".0004", ".0005", ".999", ".9994", ".9995", ".99999999"]
        for year in years {
            let yearText = String(repeating: "0", count: 4 - String(year).count) + String(year)
            for day in days {
                for time in times {
                    for fraction in fractions {
                        let text = "\(yearText)-\(day)T\(time)\(fraction)Z"
                        Self.expectBothPathsAgree(on: text)
                        guard let date = JSONWire.foundationParseDate(text) else { continue }
                        for offset in [-0.001, 0, 0.001] {
                            let nearby = Date(timeIntervalSince1970: date.timeIntervalSince1970 + offset)
                            #expect(JSONWire.formatDate(nearby) == JSONWire.foundationFormatDate(nearby), "\(text) + \(offset)")
                        }
                    }
                }
            }
        }
    }

    @Test("any run of fraction digits rounds like Foundation's path")
    func fractionDigitsMatch() async {
        let digits = Gen.int(in: 1...30).map { count in
            String((0..<count).map { index in Character(String((count * 7 + index * 3) % 10)) })
        }
        await propertyCheck(count: 500, input: zip(Gen.int64(in: Self.allYears), digits)) { milliseconds, fraction in
            let whole = JSONWire.formatDate(Date(timeIntervalSince1970: Double(milliseconds) / 1000)).prefix(19)
            Self.expectBothPathsAgree(on: "\(whole).\(fraction)Z")
        }
    }

    @Test("malformed and unusual text gets the same answer as before", arguments: [
        "2025-13-01T00:00:00Z", "2025-00-01T00:00:00Z", "2025-04-31T00:00:00Z", "2025-02-29T00:00:00Z",
        "2024-02-29T00:00:00Z", "2024-02-30T00:00:00Z", "2025-01-00T00:00:00Z", "2025-01-32T00:00:00Z",
        "2025-01-31T24:00:00Z", "2025-01-31T12:60:00Z", "2025-01-31T23:59:60Z", "2025-01-31T23:59:60.5Z",
        "2025-01-31T12:00:61Z", "2025-01-31T12:00:00", "2025-01-31T12:00:00.250", "2025-01-31T12:00:00Zjunk",
        "2025-01-31T12:00:00.250Zjunk", "2025-01-31T12:00:00.Z", "2025-01-31T12:00:00.", "2025-01-31T12:00:00.25a0Z",
        "2025-01-31t12:00:00z", "2025-01-31T12:00:00z", "2025-01-31 12:00:00Z", "2025-1-31T12:00:00Z",
        "+2025-01-31T12:00:00Z", " 2025-01-31T12:00:00Z", "2025-01-31T12:00:00Z ", "12025-01-31T12:00:00Z",
        "0000-01-01T00:00:00Z", "2025-01-31T12:00:00+02:00", "2025-01-31T12:00:00.250-05:30", "2025-01-31T12:00:00,250Z",
        "２025-01-31T12:00:00Z", "2025-01-31T12:00:00.２5Z", "2025-01-31T12:00:00Z\u{301}", "", "Z", "yesterday",
    ])
    func malformedTextMatches(text: String) {
        Self.expectBothPathsAgree(on: text)
    }

    @Test("randomly damaged date text gets the same answer as before")
    func damagedTextMatches() async {
        let damaged = Generator<String, Shrink.None<String>> { rng in
            let milliseconds = Int64.random(in: Self.allYears, using: &rng)
            var text = Array(JSONWire.formatDate(Date(timeIntervalSince1970: Double(milliseconds) / 1000)))
            let alphabet = Array("0123456789-:.TZtz+ 9")
            for _ in 0..<Int.random(in: 1...3, using: &rng) {
                let index = Int.random(in: 0..<text.count, using: &rng)
                switch Int.random(in: 0...2, using: &rng) {
                case 0: text[index] = alphabet.randomElement(using: &rng) ?? "0"
                case 1: text.insert(alphabet.randomElement(using: &rng) ?? "0", at: index)
                default: if text.count > 1 { text.remove(at: index) }
                }
            }
            return String(text)
        }
        await propertyCheck(count: 3000, input: damaged) { text in
            Self.expectBothPathsAgree(on: text)
        }
    }

    @Test("dates outside the hand-written range still format through Foundation")
    func outOfRangeDatesFallBack() {
        let seconds: [Double] = [
            .nan, .infinity, -.infinity, 1e20, -1e20, 1e14, -1e14, 253_402_300_800, 253_402_300_799.9996,
            -62_135_596_800.001, -62_167_219_200, -12_219_292_800, -12_219_292_800.001, -12_219_292_799.9995,
        ]
        for value in seconds {
            let date = Date(timeIntervalSince1970: value)
            #expect(JSONWire.formatDate(date) == JSONWire.foundationFormatDate(date), "\(value)")
        }
    }
}
