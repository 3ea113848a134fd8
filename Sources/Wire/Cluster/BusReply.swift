/// The body of a management reply: `{"v":1,"id":"…","ok":true,"result":…}` or
/// `{"v":1,"id":"…","ok":false,"error":{"code":"…","message":"…"}}`.
public struct BusReply<Result: Codable & Sendable & Hashable>: Codable, Sendable, Hashable, VersionedBody {
    public var v: Int = 1
    /// The id of the request answered (empty when the request was unreadable).
    public var id: String
    /// Exactly one of `result` and `error` is set.
    public var outcome: Swift.Result<Result, BusError>

    /// A successful reply.
    public static func success(id: String, _ result: Result) -> BusReply { BusReply(id: id, outcome: .success(result)) }

    /// A failed reply.
    public static func failure(id: String, _ error: BusError) -> BusReply { BusReply(id: id, outcome: .failure(error)) }

    /// Creates a reply.
    public init(id: String, outcome: Swift.Result<Result, BusError>) {
        self.id = id
        self.outcome = outcome
    }

    /// True for a successful reply.
    public var ok: Bool { if case .success = outcome { true } else { false } }

    /// The result, or the error the service answered.
    public func get() throws(BusError) -> Result { try outcome.get() }

    enum CodingKeys: String, CodingKey, CaseIterable { case v, id, ok, result, error }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        v = try container.decode(Int.self, forKey: .v)
        id = try container.decode(String.self, forKey: .id)
        if try container.decode(Bool.self, forKey: .ok) {
            outcome = .success(try container.decode(Result.self, forKey: .result))
        } else {
            outcome = .failure(try container.decode(BusError.self, forKey: .error))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(v, forKey: .v)
        try container.encode(id, forKey: .id)
        try container.encode(ok, forKey: .ok)
        switch outcome {
        case .success(let result): try container.encode(result, forKey: .result)
        case .failure(let error): try container.encode(error, forKey: .error)
        }
    }
}

/// Why a management request failed, as the service tells its caller.
public struct BusError: Error, Codable, Sendable, Hashable, CustomStringConvertible {
    public var code: BusErrorCode
    /// What went wrong, in words a person can act on.
    public var message: String

    /// Creates an error.
    public init(_ code: BusErrorCode, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }
}

/// A machine-readable error class; unknown codes from newer peers decode as they are.
public struct BusErrorCode: RawRepresentable, Codable, Sendable, Hashable {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    /// The request body was not valid for the service.
    public static let badRequest = BusErrorCode(rawValue: "bad_request")
    /// The task (or other thing) named does not exist.
    public static let notFound = BusErrorCode(rawValue: "not_found")
    /// The request clashes with the current state (e.g. cancelling a finished task).
    public static let conflict = BusErrorCode(rawValue: "conflict")
    /// The broker cannot serve it right now (e.g. the journal is unavailable).
    public static let unavailable = BusErrorCode(rawValue: "unavailable")
    /// The body's `"v"` is newer than the broker reads.
    public static let unsupportedVersion = BusErrorCode(rawValue: "unsupported_version")
    /// A bug or unexpected failure in the broker.
    public static let `internal` = BusErrorCode(rawValue: "internal")
}
