/// Turns multipart messages into MDP/0.2 commands and back.
///
/// The codec sees frames after the ROUTER identity frame is removed (broker side), or as
/// a DEALER receives them (client and worker side). It accepts 18/MDP as written and the
/// variant with one leading empty frame, and reports which one a message used.
public enum MDPCodec {
    /// Decodes one message strictly; every malformed message is a typed error.
    public static func decode(_ frames: [Frame]) throws(MDPDecodingError) -> (message: MDPMessage, framing: MDPFraming) {
        guard let first = frames.first else { throw .noFrames }
        let framing: MDPFraming = first.isEmpty ? .delimited : .spec
        let rest = frames.dropFirst(framing == .delimited ? 1 : 0)
        guard let header = rest.first else { throw .missingProtocol }
        let afterHeader = rest.dropFirst()
        if header == MDPHeader.client {
            return (.client(try decodeClient(afterHeader)), framing)
        }
        if header == MDPHeader.worker {
            return (.worker(try decodeWorker(afterHeader)), framing)
        }
        if let name = header.string, MDPHeader.legacyNames.contains(name) {
            throw .unsupportedVersion(name)
        }
        throw .unknownProtocol(header)
    }

    /// Encodes a command; `.delimited` puts one empty frame first.
    ///
    /// Encoding never fails. A command only decodes again when it is well formed: a
    /// non-empty printable service name, at least one body frame, and non-empty envelope
    /// frames.
    public static func encode(_ message: MDPMessage, framing: MDPFraming = .spec) -> [Frame] {
        var frames: [Frame] = []
        frames.reserveCapacity(frameCount(message) + (framing == .delimited ? 1 : 0))
        if framing == .delimited { frames.append(.empty) }
        let kind = message.kind
        frames.append(kind.isClient ? MDPHeader.client : MDPHeader.worker)
        frames.append(kind.frame)
        switch message {
        case .client(let command):
            frames.append(Frame(command.service))
            frames.append(contentsOf: command.body)
        case .worker(.ready(let service, let extensions)):
            frames.append(Frame(service))
            frames.append(contentsOf: extensions)
        case .worker(.request(let envelope, let body)),
             .worker(.partial(let envelope, let body)),
             .worker(.final(let envelope, let body)):
            frames.append(contentsOf: envelope)
            frames.append(.empty)
            frames.append(contentsOf: body)
        case .worker(.heartbeat(let extensions)), .worker(.disconnect(let extensions)):
            frames.append(contentsOf: extensions)
        }
        return frames
    }

    /// How many frames `encode` makes for `message` (without a leading empty frame), so
    /// the frame array is allocated once.
    private static func frameCount(_ message: MDPMessage) -> Int {
        switch message {
        case .client(let command):
            3 + command.body.count
        case .worker(.ready(_, let extensions)):
            3 + extensions.count
        case .worker(.request(let envelope, let body)),
             .worker(.partial(let envelope, let body)),
             .worker(.final(let envelope, let body)):
            3 + envelope.count + body.count
        case .worker(.heartbeat(let extensions)), .worker(.disconnect(let extensions)):
            2 + extensions.count
        }
    }

    private static func decodeClient(_ frames: ArraySlice<Frame>) throws(MDPDecodingError) -> MDPClientCommand {
        let code = try commandCode(frames, protocolName: MDPHeader.clientName)
        guard let kind = MDPCommandKind.client(code: code) else {
            throw .unknownCommand(protocolName: MDPHeader.clientName, code: code)
        }
        let afterCommand = frames.dropFirst()
        let service = try serviceName(afterCommand, kind: kind)
        let body = Array(afterCommand.dropFirst())
        guard !body.isEmpty else { throw .missingBody(kind) }
        switch kind {
        case .clientRequest: return .request(service: service, body: body)
        case .clientPartial: return .partial(service: service, body: body)
        default: return .final(service: service, body: body)
        }
    }

    private static func decodeWorker(_ frames: ArraySlice<Frame>) throws(MDPDecodingError) -> MDPWorkerCommand {
        let code = try commandCode(frames, protocolName: MDPHeader.workerName)
        guard let kind = MDPCommandKind.worker(code: code) else {
            throw .unknownCommand(protocolName: MDPHeader.workerName, code: code)
        }
        let afterCommand = frames.dropFirst()
        switch kind {
        case .workerReady:
            let service = try serviceName(afterCommand, kind: kind)
            return .ready(service: service, extensions: Array(afterCommand.dropFirst()))
        case .workerHeartbeat:
            return .heartbeat(extensions: Array(afterCommand))
        case .workerDisconnect:
            return .disconnect(extensions: Array(afterCommand))
        default:
            let (envelope, body) = try envelopeAndBody(afterCommand, kind: kind)
            switch kind {
            case .workerRequest: return .request(envelope: envelope, body: body)
            case .workerPartial: return .partial(envelope: envelope, body: body)
            default: return .final(envelope: envelope, body: body)
            }
        }
    }

    private static func commandCode(_ frames: ArraySlice<Frame>, protocolName: String) throws(MDPDecodingError) -> UInt8 {
        guard let frame = frames.first else { throw .missingCommand(protocolName: protocolName) }
        guard frame.count == 1, let code = frame.bytes.first else {
            throw .commandFrameLength(protocolName: protocolName, length: frame.count)
        }
        return code
    }

    private static func serviceName(_ frames: ArraySlice<Frame>, kind: MDPCommandKind) throws(MDPDecodingError) -> String {
        guard let frame = frames.first else { throw .missingServiceName(kind) }
        guard !frame.isEmpty else { throw .emptyServiceName(kind) }
        if frame.bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7f }) {
            // Printable ASCII, the usual case: valid UTF-8 with no control character.
            return String(decoding: frame.bytes, as: UTF8.self)
        }
        guard let name = frame.string else { throw .serviceNameNotUTF8(kind) }
        guard !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw .serviceNameNotPrintable(kind)
        }
        return name
    }

    /// Splits `address... "" body...` at the first empty frame.
    private static func envelopeAndBody(
        _ frames: ArraySlice<Frame>, kind: MDPCommandKind
    ) throws(MDPDecodingError) -> (envelope: [Frame], body: [Frame]) {
        guard let delimiter = frames.firstIndex(where: \.isEmpty) else {
            throw frames.isEmpty ? .missingEnvelope(kind) : .missingDelimiter(kind)
        }
        let envelope = Array(frames[frames.startIndex..<delimiter])
        guard !envelope.isEmpty else { throw .missingEnvelope(kind) }
        let body = Array(frames[(delimiter + 1)...])
        guard !body.isEmpty else { throw .missingBody(kind) }
        return (envelope, body)
    }
}
