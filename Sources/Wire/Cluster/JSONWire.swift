import Foundation

/// The one JSON configuration for every cluster body on the bus.
///
/// Keys are the types' own snake_case `CodingKeys` (no key strategy, so `metadata`
/// dictionaries keep their keys), dates are ISO-8601 UTC with milliseconds
/// (`2025-01-31T12:00:00.250Z`; without fractional seconds also accepted on input),
/// output keys are sorted so equal values give equal bytes, and non-finite numbers travel
/// as the strings `"NaN"`, `"Infinity"`, `"-Infinity"` instead of failing.
public enum JSONWire {
    /// Encodes a body into one frame.
    ///
    /// The types of this module always encode. A value whose own `encode(to:)` throws
    /// yields `{"encoding_error":"..."}`, which every receiver rejects as malformed.
    public static func encode<Value: Encodable>(_ value: Value) -> Frame {
        Frame(encodeBytes(value))
    }

    /// Encodes a body into UTF-8 JSON bytes (for HTTP bodies and the journal).
    public static func encodeBytes<Value: Encodable>(_ value: Value) -> [UInt8] {
        if let bytes = encodeHotBody(value) { return bytes }
        do {
            return Array(try sharedEncoder.encode(value))
        } catch {
            let failure = ["encoding_error": "\(Value.self): \(error)"]
            return Array((try? sharedEncoder.encode(failure)) ?? Data("{}".utf8))
        }
    }

    /// Decodes a body from one frame, checking its `"v"` when it has one.
    public static func decode<Value: Decodable>(_ type: Value.Type, from frame: Frame) throws(BodyDecodingError) -> Value {
        try decode(type, from: frame.bytes)
    }

    /// Decodes a body from UTF-8 JSON bytes, checking its `"v"` when it has one.
    public static func decode<Value: Decodable>(_ type: Value.Type, from bytes: [UInt8]) throws(BodyDecodingError) -> Value {
        // Named only for an error: describing a type costs more than reading a small body.
        func typeName() -> String { String(describing: type) }
        guard !bytes.isEmpty else { throw .empty(type: typeName()) }
        let value: Value
        do {
            // The submit and result bodies are read by hand when they can be; the decoder
            // has the last word on anything else.
            value = try decodeHotBody(type, from: bytes) ?? sharedDecoder.decode(type, from: Data(bytes))
        } catch let error as DecodingError {
            throw BodyDecodingError(typeName: typeName(), decodingError: error)
        } catch {
            throw .malformed(type: typeName(), detail: "\(error)")
        }
        if let versioned = value as? any VersionedBody, versioned.v > JSONWire.version || versioned.v < 1 {
            throw .unsupportedVersion(type: typeName(), found: versioned.v, supported: JSONWire.version)
        }
        return value
    }

    /// The body version this build writes and the highest it reads.
    public static let version = 1

    // Foundation's coders are Sendable and keep no state between calls, so one of each
    // serves every thread; making one per body was a measurable share of the broker's time.
    private static let sharedEncoder = makeEncoder()
    private static let sharedDecoder = makeDecoder()

    /// A fresh encoder with the shared configuration.
    public static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(formatDate(date))
        }
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return encoder
    }

    /// A fresh decoder with the shared configuration.
    public static func makeDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            if let date = parseDate(text) { return date }
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "expected an ISO-8601 date such as 2025-01-31T12:00:00.250Z, got \"\(text)\"")
        }
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return decoder
    }

}

/// A body that carries a `"v"` version field, checked by `JSONWire.decode`.
public protocol VersionedBody {
    /// The body's format version; 1 for everything this build writes.
    var v: Int { get }
}
