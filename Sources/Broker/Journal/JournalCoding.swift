import Foundation
import Wire

/// Turns the values the journal stores as JSON text into text and back.
///
/// The journal stores JSON exactly as the bus carries it (`JSONWire`): a task row holds
/// the bytes the broker also published and replied (`EncodedTaskRecord`), so dates are
/// kept to the millisecond, like everywhere else. Rows written before that kept dates
/// as the Double a `Date` holds (`deferredToDate`); those still read back, exactly.
struct JournalCoding {
    private let decoder: JSONDecoder

    init() {
        decoder = JSONWire.makeDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            // Text first: every row written now holds ISO text, and a failed decode throws
            // (slow); only legacy rows get as far as the number.
            if let text = try? container.decode(String.self) {
                if let date = JSONWire.parseDate(text) { return date }
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "expected an ISO-8601 date or a number of seconds, got \"\(text)\"")
            }
            return Date(timeIntervalSinceReferenceDate: try container.decode(Double.self))
        }
    }

    /// `value` as compact JSON text, as the bus would carry it (a result is written by
    /// hand: `JSONWire.encodeBytes` reaches the hot bodies from generic callers too).
    func text(_ value: some Encodable) -> String {
        String(decoding: JSONWire.encodeBytes(value), as: UTF8.self)
    }

    /// The value that `text` encodes.
    func value<Value: Decodable>(_ type: Value.Type, from text: String) throws -> Value {
        try decoder.decode(type, from: Data(text.utf8))
    }
}

extension Date {
    /// The value stored in the journal's REAL time columns.
    var journalSeconds: Double { timeIntervalSinceReferenceDate }

    /// The date a REAL time column holds.
    init(journalSeconds: Double) { self.init(timeIntervalSinceReferenceDate: journalSeconds) }
}
