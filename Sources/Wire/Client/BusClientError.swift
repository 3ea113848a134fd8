/// Why a request through `BusClient` did not get an answer.
public enum BusClientError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No reply within the time allowed, after every retry.
    case timedOut(service: String, after: Duration, endpoints: [String])
    /// The client was closed while the request was in flight.
    case closed
    /// The socket could not be created or connected.
    case socket(ZMQError)
    /// The reply arrived but its body was not what the service promises.
    case badReply(service: String, detail: String)
    /// The service answered with an error.
    case service(BusError)

    public var description: String {
        switch self {
        case .timedOut(let service, let after, let endpoints):
            "no answer from \(service) within \(after) (broker at \(endpoints.joined(separator: ", "))): is the broker running? Start it with 'claude-cluster start' or 'claude-cluster broker'."
        case .closed:
            "the bus client was closed before the answer arrived"
        case .socket(let error):
            "could not open the bus connection: \(error)"
        case .badReply(let service, let detail):
            "\(service) answered with a body this client cannot read: \(detail)"
        case .service(let error):
            error.message
        }
    }
}

/// One reply to a request: a PARTIAL (more to come) or the FINAL.
public enum BusReplyPart: Sendable, Hashable {
    case partial([Frame])
    case final([Frame])
}
