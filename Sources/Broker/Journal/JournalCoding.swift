import Foundation
import Wire

/// Turns the values the journal stores as JSON text into text and back.
///
/// Dates use `deferredToDate`, which writes the Double a `Date` holds, so a record reads
/// back equal to the one written, sub-millisecond parts and all (ISO 8601 would keep
/// milliseconds at best). One encoder and decoder are reused: the journal has one owner.
struct JournalCoding {
    private let encoder: JSONEncoder
    private let decoder: JSONDecoder

    init() {
        encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .deferredToDate
        decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .deferredToDate
    }

    /// `value` as compact JSON text.
    func text(_ value: some Encodable) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
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
