/// A command of MDP/Worker (`MDPW02`): between a worker and the broker.
public enum MDPWorkerCommand: Sendable, Hashable {
    /// Worker to broker, once after connecting: `["MDPW02", 0x01, service, extensions...]`.
    ///
    /// `extensions`: frames after the service name; empty for a plain MDP worker. Cluster
    /// agents send one JSON `AgentInfo` frame.
    case ready(service: String, extensions: [Frame])
    /// Broker to worker: `["MDPW02", 0x02, envelope..., "", body...]`.
    ///
    /// `envelope`: the client address frames (non-empty frames, up to the empty delimiter).
    case request(envelope: [Frame], body: [Frame])
    /// Worker to broker, an intermediate reply: `["MDPW02", 0x03, envelope..., "", body...]`.
    case partial(envelope: [Frame], body: [Frame])
    /// Worker to broker, the last reply: `["MDPW02", 0x04, envelope..., "", body...]`.
    case final(envelope: [Frame], body: [Frame])
    /// Either direction: `["MDPW02", 0x05, extensions...]`.
    ///
    /// `extensions`: empty for plain MDP; cluster agents may add one JSON `AgentLoad` frame.
    case heartbeat(extensions: [Frame])
    /// Either direction: `["MDPW02", 0x06, extensions...]`; extra frames are kept, not required.
    case disconnect(extensions: [Frame])
}

extension MDPWorkerCommand {
    /// Which command this is, for logs, metrics and errors.
    public var kind: MDPCommandKind {
        switch self {
        case .ready: .workerReady
        case .request: .workerRequest
        case .partial: .workerPartial
        case .final: .workerFinal
        case .heartbeat: .workerHeartbeat
        case .disconnect: .workerDisconnect
        }
    }
}
