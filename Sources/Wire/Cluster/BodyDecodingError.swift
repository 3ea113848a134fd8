/// Why a frame is not the JSON body it should be.
public enum BodyDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The frame was empty.
    case empty(type: String)
    /// Not JSON at all, or JSON of the wrong shape with no better explanation.
    case malformed(type: String, detail: String)
    /// A required field is absent.
    case missingField(type: String, path: String)
    /// A field holds the wrong JSON type or a value outside its set.
    case invalidValue(type: String, path: String, detail: String)
    /// The body's `"v"` is one this build does not read.
    case unsupportedVersion(type: String, found: Int, supported: Int)
    /// A body with a `"kind"` discriminator named a kind other than expected.
    case unexpectedKind(type: String, found: String, expected: [String])

    public var description: String {
        switch self {
        case .empty(let type):
            "\(type) body is an empty frame: expected a JSON object"
        case .malformed(let type, let detail):
            "\(type) body is not valid JSON of the expected shape: \(detail)"
        case .missingField(let type, let path):
            "\(type) body lacks the required field \"\(path)\""
        case .invalidValue(let type, let path, let detail) where path == "(root)":
            "\(type) body is invalid: \(detail)"
        case .invalidValue(let type, let path, let detail):
            "\(type) body field \"\(path)\" is invalid: \(detail)"
        case .unsupportedVersion(let type, let found, let supported):
            "\(type) body has \"v\": \(found); this build reads versions 1...\(supported): upgrade the older side"
        case .unexpectedKind(let type, let found, let expected):
            "\(type) body has \"kind\": \"\(found)\"; expected one of \(expected.joined(separator: ", "))"
        }
    }
}

extension BodyDecodingError {
    /// Maps Foundation's error to one a person can act on, naming the field's JSON path.
    init(typeName: String, decodingError: DecodingError) {
        func path(_ keys: [any CodingKey], _ last: (any CodingKey)? = nil) -> String {
            let all = keys + (last.map { [$0] } ?? [])
            let text = all.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            return text.isEmpty ? "(root)" : text
        }
        switch decodingError {
        case .keyNotFound(let key, let context):
            self = .missingField(type: typeName, path: path(context.codingPath, key))
        case .valueNotFound(_, let context):
            self = .missingField(type: typeName, path: path(context.codingPath))
        case .typeMismatch(_, let context):
            self = .invalidValue(type: typeName, path: path(context.codingPath), detail: context.debugDescription)
        case .dataCorrupted(let context) where !context.codingPath.isEmpty:
            self = .invalidValue(type: typeName, path: path(context.codingPath), detail: context.debugDescription)
        case .dataCorrupted(let context):
            self = .malformed(type: typeName, detail: context.debugDescription)
        @unknown default:
            self = .malformed(type: typeName, detail: "\(decodingError)")
        }
    }
}
