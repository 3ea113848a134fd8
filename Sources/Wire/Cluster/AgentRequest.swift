/// What an agent finds in the body of a worker REQUEST, told apart by `"kind"`.
public enum AgentRequest: Sendable, Hashable {
    /// `task.assign`: run one attempt of a task.
    case assignment(TaskAssignment)
    /// `help.request`: another agent asks a question.
    case help(HelpRequest)
    /// `task.cancel`: stop a task (envelope `@control`).
    case cancel(TaskCancellation)

    /// The kinds an agent understands.
    public static let kinds = [TaskAssignment.kind, HelpRequest.kind, TaskCancellation.kind]

    /// Decodes the first body frame of a REQUEST by its `"kind"`.
    public init(body: [Frame]) throws(BodyDecodingError) {
        guard let frame = body.first else { throw .empty(type: "AgentRequest") }
        let header = try JSONWire.decode(BodyHeader.self, from: frame)
        switch header.kind {
        case TaskAssignment.kind: self = .assignment(try JSONWire.decode(TaskAssignment.self, from: frame))
        case HelpRequest.kind: self = .help(try JSONWire.decode(HelpRequest.self, from: frame))
        case TaskCancellation.kind: self = .cancel(try JSONWire.decode(TaskCancellation.self, from: frame))
        default: throw .unexpectedKind(type: "AgentRequest", found: header.kind, expected: Self.kinds)
        }
    }

    /// The body frame to send.
    public var body: Frame {
        switch self {
        case .assignment(let value): JSONWire.encode(value)
        case .help(let value): JSONWire.encode(value)
        case .cancel(let value): JSONWire.encode(value)
        }
    }
}

/// The fields every kind-discriminated body shares, read before the body itself.
public struct BodyHeader: Codable, Sendable, Hashable, VersionedBody {
    public var v: Int
    public var kind: String
}
