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
        switch code {
        case 0x01: .clientRequest
        case 0x02: .clientPartial
        case 0x03: .clientFinal
        default: nil
        }
    }

    /// The command with this byte in the worker sub-protocol, if any.
    public static func worker(code: UInt8) -> MDPCommandKind? {
        switch code {
        case 0x01: .workerReady
        case 0x02: .workerRequest
        case 0x03: .workerPartial
        case 0x04: .workerFinal
        case 0x05: .workerHeartbeat
        case 0x06: .workerDisconnect
        default: nil
        }
    }

    /// Whether the command belongs to MDP/Client (else MDP/Worker).
    var isClient: Bool {
        switch self {
        case .clientRequest, .clientPartial, .clientFinal: true
        default: false
        }
    }

    /// The command frame: one byte, shared rather than allocated per message.
    var frame: Frame { Self.commandFrames[Int(code)] }

    private static let commandFrames: [Frame] = (0...6).map { Frame([UInt8($0)]) }
}
