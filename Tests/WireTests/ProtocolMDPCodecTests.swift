import Testing
import Wire

@Suite("MDP codec: encodings and round trips")
struct ProtocolMDPCodecTests {
    static let samples: [MDPMessage] = [
        .client(.request(service: "echo", body: ["hello"])),
        .client(.request(service: "mmi.service", body: ["frontend"])),
        .client(.partial(service: "backend", body: ["{}", .empty, Frame([0, 255])])),
        .client(.final(service: "backend", body: ["done"])),
        .worker(.ready(service: "frontend", extensions: [])),
        .worker(.ready(service: "frontend", extensions: ["{\"v\":1}"])),
        .worker(.request(envelope: [Frame([0, 0x6b, 0x8b, 0x45, 0x67])], body: ["work"])),
        .worker(.request(envelope: ["@control"], body: ["{\"kind\":\"task.cancel\"}"])),
        .worker(.partial(envelope: ["a", "b"], body: ["p1", .empty])),
        .worker(.final(envelope: [Frame([1])], body: ["result"])),
        .worker(.heartbeat(extensions: [])),
        .worker(.heartbeat(extensions: ["{\"cpu_percent\":1}"])),
        .worker(.disconnect(extensions: [])),
        .worker(.disconnect(extensions: ["why", .empty])),
    ]

    @Test("every command round-trips in both framings", arguments: samples)
    func roundTrip(_ message: MDPMessage) throws {
        for framing in [MDPFraming.spec, .delimited] {
            let frames = MDPCodec.encode(message, framing: framing)
            let decoded = try MDPCodec.decode(frames)
            #expect(decoded.message == message)
            #expect(decoded.framing == framing)
        }
    }

    @Test("delimited framing is the spec framing behind one empty frame", arguments: samples)
    func delimitedAddsOneEmptyFrame(_ message: MDPMessage) {
        let spec = MDPCodec.encode(message, framing: .spec)
        #expect(MDPCodec.encode(message, framing: .delimited) == [.empty] + spec)
        #expect(MDPCodec.encode(message) == spec)
    }

    @Test("client commands are byte-exact per 18/MDP")
    func clientBytes() {
        let header: [UInt8] = [0x4D, 0x44, 0x50, 0x43, 0x30, 0x32]  // "MDPC02"
        #expect(MDPCodec.encode(.client(.request(service: "echo", body: ["hi"]))).map(\.bytes) == [
            header, [0x01], [0x65, 0x63, 0x68, 0x6F], [0x68, 0x69],
        ])
        #expect(MDPCodec.encode(.client(.partial(service: "echo", body: ["hi"]))).map(\.bytes)[1] == [0x02])
        #expect(MDPCodec.encode(.client(.final(service: "echo", body: ["hi"]))).map(\.bytes)[1] == [0x03])
    }

    @Test("worker commands are byte-exact per 18/MDP")
    func workerBytes() {
        let header: [UInt8] = [0x4D, 0x44, 0x50, 0x57, 0x30, 0x32]  // "MDPW02"
        let client: [UInt8] = [0x00, 0x80, 0x00, 0x41, 0xA7]  // a libzmq-generated identity
        #expect(MDPCodec.encode(.worker(.ready(service: "echo", extensions: []))).map(\.bytes) == [
            header, [0x01], Array("echo".utf8),
        ])
        #expect(MDPCodec.encode(.worker(.request(envelope: [Frame(client)], body: ["hi"]))).map(\.bytes) == [
            header, [0x02], client, [], Array("hi".utf8),
        ])
        #expect(MDPCodec.encode(.worker(.partial(envelope: [Frame(client)], body: ["hi"]))).map(\.bytes) == [
            header, [0x03], client, [], Array("hi".utf8),
        ])
        #expect(MDPCodec.encode(.worker(.final(envelope: [Frame(client)], body: ["hi"]))).map(\.bytes) == [
            header, [0x04], client, [], Array("hi".utf8),
        ])
        #expect(MDPCodec.encode(.worker(.heartbeat(extensions: []))).map(\.bytes) == [header, [0x05]])
        #expect(MDPCodec.encode(.worker(.disconnect(extensions: []))).map(\.bytes) == [header, [0x06]])
    }

    @Test("frames as another library sends them decode")
    func decodesForeignFrames() throws {
        let ready = try MDPCodec.decode([Frame("MDPW02"), Frame([1]), Frame("echo")])
        #expect(ready.message == .worker(.ready(service: "echo", extensions: [])))
        #expect(ready.framing == .spec)

        let viaREQ = try MDPCodec.decode([.empty, Frame("MDPC02"), Frame([1]), Frame("echo"), Frame("x")])
        #expect(viaREQ.message == .client(.request(service: "echo", body: ["x"])))
        #expect(viaREQ.framing == .delimited)
    }

    @Test("the envelope ends at the first empty frame; later empty frames are body")
    func envelopeSplitsAtFirstDelimiter() throws {
        let frames: [Frame] = ["MDPW02", Frame([4]), "peer", .empty, .empty, "tail"]
        let decoded = try MDPCodec.decode(frames)
        #expect(decoded.message == .worker(.final(envelope: ["peer"], body: [.empty, "tail"])))
    }

    @Test("accessors name the command")
    func accessors() {
        let request = MDPClientCommand.request(service: "s", body: ["b"])
        #expect(request.service == "s")
        #expect(request.body == ["b"])
        #expect(MDPMessage.client(request).kind.description == "MDPC02 REQUEST")
        #expect(MDPMessage.worker(.heartbeat(extensions: [])).kind.description == "MDPW02 HEARTBEAT")
        for kind in MDPCommandKind.allCases {
            let lookup = kind.protocolName == "MDPC02" ? MDPCommandKind.client(code: kind.code) : MDPCommandKind.worker(code: kind.code)
            #expect(lookup == kind)
        }
    }
}
