/// The body of a management request on the bus: `{"v":1,"id":"…","payload":{…}}`.
///
/// The client picks `id` (unique among its requests in flight) and gets it back in the
/// `BusReply`, so one client may have many requests outstanding.
public struct BusRequest<Payload: Codable & Sendable & Hashable>: Codable, Sendable, Hashable, VersionedBody {
    public var v: Int = 1
    /// The correlation id.
    public var id: String
    public var payload: Payload

    /// Creates a request.
    public init(id: String, payload: Payload) {
        self.id = id
        self.payload = payload
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case v, id, payload }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        v = try container.decode(Int.self, forKey: .v)
        id = try container.decode(String.self, forKey: .id)
        // Services without a payload accept a request that leaves it out.
        if let payload = try container.decodeIfPresent(Payload.self, forKey: .payload) {
            self.payload = payload
        } else if let empty = EmptyPayload() as? Payload {
            self.payload = empty
        } else {
            throw DecodingError.keyNotFound(
                CodingKeys.payload, .init(codingPath: container.codingPath, debugDescription: "the request has no payload"))
        }
    }
}

extension BusRequest where Payload == EmptyPayload {
    /// Creates a request for a service that takes no payload.
    public init(id: String) { self.init(id: id, payload: EmptyPayload()) }
}

/// The `v` and `id` of any request, read when its payload does not decode so the error
/// reply can still name the request.
public struct BusRequestHeader: Codable, Sendable, Hashable, VersionedBody {
    public var v: Int
    public var id: String
}

/// The payload of services that take none: `{}`.
public struct EmptyPayload: Codable, Sendable, Hashable {
    /// Creates the empty payload.
    public init() {}
}
