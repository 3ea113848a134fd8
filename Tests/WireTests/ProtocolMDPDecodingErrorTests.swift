import Testing
import Wire

@Suite("MDP codec: malformed messages")
struct ProtocolMDPDecodingErrorTests {
    static let client = Frame("MDPC02")
    static let worker = Frame("MDPW02")

    static let cases: [(frames: [Frame], error: MDPDecodingError)] = [
        ([], .noFrames),
        ([.empty], .missingProtocol),
        ([.empty, .empty, client, Frame([1]), "s", "b"], .unknownProtocol(.empty)),
        (["HTTP/1.1", Frame([1])], .unknownProtocol("HTTP/1.1")),
        (["MDPC01", "echo", "body"], .unsupportedVersion("MDPC01")),
        ([.empty, "MDPW01", Frame([1]), "echo"], .unsupportedVersion("MDPW01")),
        ([client], .missingCommand(protocolName: "MDPC02")),
        ([worker], .missingCommand(protocolName: "MDPW02")),
        ([client, .empty, "s", "b"], .commandFrameLength(protocolName: "MDPC02", length: 0)),
        ([worker, Frame([5, 0])], .commandFrameLength(protocolName: "MDPW02", length: 2)),
        ([client, Frame([0x04]), "s", "b"], .unknownCommand(protocolName: "MDPC02", code: 0x04)),
        ([client, Frame([0x00]), "s", "b"], .unknownCommand(protocolName: "MDPC02", code: 0x00)),
        ([worker, Frame([0x07])], .unknownCommand(protocolName: "MDPW02", code: 0x07)),
        ([worker, Frame([0xFF])], .unknownCommand(protocolName: "MDPW02", code: 0xFF)),
        ([client, Frame([1])], .missingServiceName(.clientRequest)),
        ([worker, Frame([1])], .missingServiceName(.workerReady)),
        ([client, Frame([1]), .empty, "b"], .emptyServiceName(.clientRequest)),
        ([worker, Frame([1]), .empty], .emptyServiceName(.workerReady)),
        ([client, Frame([2]), Frame([0xC3, 0x28]), "b"], .serviceNameNotUTF8(.clientPartial)),
        ([worker, Frame([1]), Frame([0xFF])], .serviceNameNotUTF8(.workerReady)),
        ([client, Frame([1]), "ec\nho", "b"], .serviceNameNotPrintable(.clientRequest)),
        ([worker, Frame([1]), Frame([0x65, 0x00])], .serviceNameNotPrintable(.workerReady)),
        ([client, Frame([1]), "echo"], .missingBody(.clientRequest)),
        ([client, Frame([3]), "echo"], .missingBody(.clientFinal)),
        ([worker, Frame([2])], .missingEnvelope(.workerRequest)),
        ([worker, Frame([2]), .empty, "body"], .missingEnvelope(.workerRequest)),
        ([worker, Frame([2]), "peer", "body"], .missingDelimiter(.workerRequest)),
        ([worker, Frame([3]), "peer"], .missingDelimiter(.workerPartial)),
        ([worker, Frame([4]), "peer", .empty], .missingBody(.workerFinal)),
    ]

    @Test("each malformed message is its own typed error", arguments: cases)
    func rejects(_ frames: [Frame], _ expected: MDPDecodingError) {
        #expect(throws: expected) { try MDPCodec.decode(frames) }
    }

    @Test("every error has an actionable description", arguments: cases)
    func describes(_ frames: [Frame], _ error: MDPDecodingError) {
        #expect(error.description.count > 20)
    }

    @Test("descriptions name the command and the byte")
    func descriptionText() {
        #expect(MDPDecodingError.unknownCommand(protocolName: "MDPW02", code: 7).description
            == "MDPW02 has no command 0x07 (worker commands are 0x01-0x06)")
        #expect(MDPDecodingError.missingDelimiter(.workerFinal).description
            == "MDPW02 FINAL has no empty delimiter frame after the client address")
        #expect(MDPDecodingError.unsupportedVersion("MDPC01").description.contains("MDP/0.1"))
    }

    @Test("extra frames on HEARTBEAT and DISCONNECT are kept as extensions")
    func extraFramesAreExtensions() throws {
        let heartbeat = try MDPCodec.decode([Self.worker, Frame([5]), "x", .empty])
        #expect(heartbeat.message == .worker(.heartbeat(extensions: ["x", .empty])))
        let disconnect = try MDPCodec.decode([Self.worker, Frame([6]), "bye"])
        #expect(disconnect.message == .worker(.disconnect(extensions: ["bye"])))
    }
}
