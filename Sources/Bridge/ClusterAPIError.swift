import Wire

/// Why a `ClusterAPI` call failed.
public enum ClusterAPIError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The bus is down or the broker cannot be reached; `reason` says what was seen.
    case brokerUnavailable(reason: String)
    /// The broker did not answer within the client's deadline.
    case timeout
    /// The broker knows no such task.
    case notFound
    /// The broker refused the request; `code` is its `BusErrorCode` raw value.
    case rejected(code: String, message: String)

    /// The same failure from the broker's own error reply.
    public init(_ error: BusError) {
        switch error.code {
        case .notFound: self = .notFound
        case .unavailable: self = .brokerUnavailable(reason: error.message)
        default: self = .rejected(code: error.code.rawValue, message: error.message)
        }
    }

    public var description: String {
        switch self {
        case .brokerUnavailable(let reason): "the broker is unavailable: \(reason)"
        case .timeout: "the broker did not answer in time: check that it is running and reachable on the bus"
        case .notFound: "no such task"
        case .rejected(let code, let message): "the broker refused the request (\(code)): \(message)"
        }
    }
}
