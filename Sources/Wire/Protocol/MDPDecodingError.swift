/// One way a multipart message fails to be an MDP/0.2 command.
///
/// The broker drops the message, counts it, and logs the description once per peer.
public enum MDPDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The message had no frames at all.
    case noFrames
    /// Only the empty delimiter frame arrived, with nothing after it.
    case missingProtocol
    /// The protocol frame is neither `MDPC02` nor `MDPW02` (the frame as received).
    case unknownProtocol(Frame)
    /// The peer speaks MDP/0.1 (`MDPC01`/`MDPW01`), which is not compatible with 0.2.
    case unsupportedVersion(String)
    /// The protocol frame is not followed by a command frame.
    case missingCommand(protocolName: String)
    /// The command frame must be exactly one byte; it had `length`.
    case commandFrameLength(protocolName: String, length: Int)
    /// The command byte is not a command of that sub-protocol.
    case unknownCommand(protocolName: String, code: UInt8)
    /// The command needs a service name frame and there is none.
    case missingServiceName(MDPCommandKind)
    /// The service name frame is empty.
    case emptyServiceName(MDPCommandKind)
    /// The service name is not valid UTF-8.
    case serviceNameNotUTF8(MDPCommandKind)
    /// The service name holds control characters (18/MDP asks for a printable string).
    case serviceNameNotPrintable(MDPCommandKind)
    /// The command carries no body frame (18/MDP requires at least one).
    case missingBody(MDPCommandKind)
    /// A worker REQUEST/PARTIAL/FINAL has no client address before the delimiter.
    case missingEnvelope(MDPCommandKind)
    /// A worker REQUEST/PARTIAL/FINAL has no empty delimiter after the client address.
    case missingDelimiter(MDPCommandKind)

    public var description: String {
        switch self {
        case .noFrames:
            "empty message: an MDP command needs at least a protocol and a command frame"
        case .missingProtocol:
            "only an empty delimiter frame: expected \"MDPC02\" or \"MDPW02\" after it"
        case .unknownProtocol(let frame):
            "unknown protocol frame \(frame): expected \"MDPC02\" (client) or \"MDPW02\" (worker)"
        case .unsupportedVersion(let name):
            "\(name) is MDP/0.1, which this broker does not speak: use an 18/MDP (MDP/0.2) library"
        case .missingCommand(let name):
            "\(name) message has no command frame after the protocol frame"
        case .commandFrameLength(let name, let length):
            "\(name) command frame has \(length) bytes: it must be exactly one byte"
        case .unknownCommand(let name, let code):
            "\(name) has no command 0x\(code < 16 ? "0" : "")\(String(code, radix: 16))"
                + (name == MDPHeader.clientName ? " (client commands are 0x01-0x03)" : " (worker commands are 0x01-0x06)")
        case .missingServiceName(let kind):
            "\(kind) has no service name frame"
        case .emptyServiceName(let kind):
            "\(kind) has an empty service name"
        case .serviceNameNotUTF8(let kind):
            "\(kind) service name is not valid UTF-8"
        case .serviceNameNotPrintable(let kind):
            "\(kind) service name contains control characters"
        case .missingBody(let kind):
            "\(kind) has no body frame: 18/MDP requires at least one"
        case .missingEnvelope(let kind):
            "\(kind) has no client address frame before the empty delimiter"
        case .missingDelimiter(let kind):
            "\(kind) has no empty delimiter frame after the client address"
        }
    }
}
