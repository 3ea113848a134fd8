/// One management service on the bus: its name and the types it takes and returns.
///
/// A client sends `MDPC02 REQUEST` to `service` with one body frame, a
/// `BusRequest<Payload>`; the broker answers `MDPC02 FINAL` with one body frame, a
/// `BusReply<Result>`.
public protocol BusCall {
    /// The request payload type.
    associatedtype Payload: Codable & Sendable & Hashable
    /// The reply result type.
    associatedtype Result: Codable & Sendable & Hashable
    /// The MDP service name, in the `mmi.` namespace.
    static var service: String { get }
}

extension BusCall {
    /// The client command that makes this call.
    public static func request(id: String, payload: Payload) -> MDPClientCommand {
        .request(service: service, body: [JSONWire.encode(BusRequest(id: id, payload: payload))])
    }

    /// Reads the request body the broker received.
    public static func decodeRequest(_ body: [Frame]) throws(BodyDecodingError) -> BusRequest<Payload> {
        guard let frame = body.first else { throw .empty(type: "BusRequest") }
        return try JSONWire.decode(BusRequest<Payload>.self, from: frame)
    }

    /// The broker's FINAL carrying `reply`.
    public static func reply(_ reply: BusReply<Result>) -> MDPClientCommand {
        .final(service: service, body: [JSONWire.encode(reply)])
    }

    /// Reads the reply body the client received.
    public static func decodeReply(_ body: [Frame]) throws(BodyDecodingError) -> BusReply<Result> {
        guard let frame = body.first else { throw .empty(type: "BusReply") }
        return try JSONWire.decode(BusReply<Result>.self, from: frame)
    }
}
