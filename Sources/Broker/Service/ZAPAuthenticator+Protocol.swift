import Wire

/// One ZAP request (RFC 27) as libzmq sends it to the handler on `inproc://zeromq.zap.01`.
struct ZAPRequest: Sendable, Hashable {
    var requestID: Frame
    var domain: String
    /// The peer's IP address as libzmq saw it.
    var address: String
    var mechanism: String
    /// For CURVE, one frame: the client's 32-byte long-term public key.
    var credentials: [Frame]

    /// Parses the frames; nil when they are not a version 1.0 request.
    init?(frames: [Frame]) {
        // version, request id, domain, address, identity, mechanism, credentials...
        guard frames.count >= 6, frames[0].string == "1.0" else { return nil }
        requestID = frames[1]
        domain = frames[2].string ?? ""
        address = frames[3].string ?? "?"
        mechanism = frames[5].string ?? ""
        credentials = Array(frames.dropFirst(6))
    }

    /// The client's public key, when this is a well-formed CURVE request.
    var curvePublicKey: CurveKey? {
        guard mechanism == "CURVE", let first = credentials.first else { return nil }
        return try? CurveKey(raw: first.bytes)
    }
}

/// What the handler answers: admit (with a user id) or refuse.
enum ZAPDecision: Sendable, Hashable {
    /// Status 200; `userID` becomes the messages' `User-Id` property (the key's file name).
    case admit(userID: String)
    /// Status 400 (the peer is not allowed) or 500 (the request was malformed).
    case refuse(status: String, reason: String)

    /// The reply frames for `requestID`.
    func reply(to requestID: Frame) -> [Frame] {
        switch self {
        case .admit(let userID):
            ["1.0", requestID, "200", "OK", Frame(userID), .empty]
        case .refuse(let status, let reason):
            ["1.0", requestID, Frame(status), Frame(reason), .empty, .empty]
        }
    }

    /// Admits CURVE clients whose public key is authorised; refuses everyone else.
    static func decide(_ request: ZAPRequest, keys: AuthorizedKeys) -> ZAPDecision {
        guard request.mechanism == "CURVE" else {
            return .refuse(status: "400", reason: "only CURVE clients are admitted")
        }
        guard let key = request.curvePublicKey else {
            return .refuse(status: "500", reason: "malformed CURVE credentials")
        }
        guard let name = keys.name(of: key) else {
            return .refuse(status: "400", reason: "key not authorised")
        }
        return .admit(userID: name)
    }
}
