/// Any decoded MDP command, from either sub-protocol.
public enum MDPMessage: Sendable, Hashable {
    /// An MDP/Client (`MDPC02`) command.
    case client(MDPClientCommand)
    /// An MDP/Worker (`MDPW02`) command.
    case worker(MDPWorkerCommand)
}

extension MDPMessage {
    /// Which command this is, for logs, metrics and errors.
    public var kind: MDPCommandKind {
        switch self {
        case .client(let command): command.kind
        case .worker(let command): command.kind
        }
    }
}
