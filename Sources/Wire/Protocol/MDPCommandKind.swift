/// The nine MDP/0.2 commands by sub-protocol and command byte.
public enum MDPCommandKind: Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case clientRequest, clientPartial, clientFinal
    case workerReady, workerRequest, workerPartial, workerFinal, workerHeartbeat, workerDisconnect

    /// The protocol frame's text: `MDPC02` or `MDPW02`.
    public var protocolName: String {
        switch self {
        case .clientRequest, .clientPartial, .clientFinal: MDPHeader.clientName
        default: MDPHeader.workerName
        }
    }

    /// The one byte of the command frame.
    public var code: UInt8 {
        switch self {
        case .clientRequest: 0x01
        case .clientPartial: 0x02
        case .clientFinal: 0x03
        case .workerReady: 0x01
        case .workerRequest: 0x02
        case .workerPartial: 0x03
        case .workerFinal: 0x04
        case .workerHeartbeat: 0x05
        case .workerDisconnect: 0x06
        }
    }

    /// The command's name as 18/MDP spells it.
    public var name: String {
        switch self {
        case .clientRequest, .workerRequest: "REQUEST"
        case .clientPartial, .workerPartial: "PARTIAL"
        case .clientFinal, .workerFinal: "FINAL"
        case .workerReady: "READY"
        case .workerHeartbeat: "HEARTBEAT"
        case .workerDisconnect: "DISCONNECT"
        }
    }

    /// `MDPC02 REQUEST`, `MDPW02 HEARTBEAT`, ...
    public var description: String { "\(protocolName) \(name)" }

    /// The command with this byte in the client sub-protocol, if any.
    public static func client(code: UInt8) -> MDPCommandKind? {
        [.clientRequest, .clientPartial, .clientFinal].first { $0.code == code }
    }

    /// The command with this byte in the worker sub-protocol, if any.
    public static func worker(code: UInt8) -> MDPCommandKind? {
        [.workerReady, .workerRequest, .workerPartial, .workerFinal, .workerHeartbeat, .workerDisconnect]
            .first { $0.code == code }
    }
}
