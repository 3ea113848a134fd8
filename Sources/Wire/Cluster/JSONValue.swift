import Foundation

/// Any JSON value, for bodies whose shape is free-form: Claude Code's stream-json lines,
/// the original cluster's `{type, source, data}` messages, GitHub payload fragments.
///
/// Decoding is lenient (any JSON decodes), so readers survive new or missing fields.
public enum JSONValue: Codable, Sendable, Hashable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// Decodes one line of JSON text; nil when the text is not JSON.
    public static func parse(_ text: String) -> JSONValue? {
        parse(Array(text.utf8))
    }

    /// Parses UTF-8 JSON bytes; nil when they are not JSON.
    public static func parse(_ bytes: [UInt8]) -> JSONValue? {
        try? JSONDecoder().decode(JSONValue.self, from: Data(bytes))
    }

    /// A member of an object.
    public subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { members[key] } else { nil }
    }

    /// The value when it is a string.
    public var string: String? {
        if case .string(let value) = self { value } else { nil }
    }

    /// The value when it is a boolean.
    public var bool: Bool? {
        if case .bool(let value) = self { value } else { nil }
    }

    /// The value when it is a number.
    public var double: Double? {
        if case .number(let value) = self { value } else { nil }
    }

    /// The number rounded to an integer, when it is a finite number in range.
    public var int: Int? {
        guard let value = double, value.isFinite, abs(value) < Double(Int.max) else { return nil }
        return Int(value.rounded())
    }

    /// The value when it is an array.
    public var array: [JSONValue]? {
        if case .array(let value) = self { value } else { nil }
    }

    /// The value when it is an object.
    public var object: [String: JSONValue]? {
        if case .object(let value) = self { value } else { nil }
    }

    /// A string, or the strings of an array (non-strings skipped).
    public var strings: [String]? {
        switch self {
        case .string(let value): [value]
        case .array(let values): values.compactMap(\.string)
        default: nil
        }
    }

    /// Compact JSON text with sorted keys.
    public var compactText: String {
        String(decoding: JSONWire.encodeBytes(self), as: UTF8.self)
    }
}
