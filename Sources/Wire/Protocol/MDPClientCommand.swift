/// A command of MDP/Client (`MDPC02`): between a client and the broker.
///
/// A client sends `request`; the broker answers with zero or more `partial` and one
/// `final`, each naming the service that answered. Bodies are opaque and must hold at
/// least one frame (18/MDP: "4 or more frames").
public enum MDPClientCommand: Sendable, Hashable {
    /// Client to broker: `["MDPC02", 0x01, service, body...]`.
    case request(service: String, body: [Frame])
    /// Broker to client, an intermediate reply: `["MDPC02", 0x02, service, body...]`.
    case partial(service: String, body: [Frame])
    /// Broker to client, the last reply: `["MDPC02", 0x03, service, body...]`.
    case final(service: String, body: [Frame])
}

extension MDPClientCommand {
    /// The service the command names.
    public var service: String {
        switch self {
        case .request(let service, _), .partial(let service, _), .final(let service, _): service
        }
    }

    /// The opaque body frames.
    public var body: [Frame] {
        switch self {
        case .request(_, let body), .partial(_, let body), .final(_, let body): body
        }
    }

    /// Which command this is, for logs, metrics and errors.
    public var kind: MDPCommandKind {
        switch self {
        case .request: .clientRequest
        case .partial: .clientPartial
        case .final: .clientFinal
        }
    }
}
