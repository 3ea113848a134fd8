import Testing
import Wire

@Suite("CURVE: key pairs and encrypted sockets")
struct CurveTests {
    @Test("generated key pairs have 40-character Z85 keys that libzmq and Z85 agree on")
    func generate() throws {
        let first = try CurveKeyPair.generate()
        let second = try CurveKeyPair.generate()
        #expect(first != second)
        for key in [first.publicKey, first.secretKey] {
            #expect(key.z85.count == 40)
            #expect(key.raw.count == 32)
            #expect(try CurveKey(z85: key.z85) == key)
        }
        #expect(try CurveKeyPair(secretKey: first.secretKey) == first)
        #expect(!first.description.contains(first.secretKey.z85))
    }

    @Test("a CURVE server and client exchange messages (no ZAP handler)")
    func encryptedExchange() throws {
        let context = try makeTestContext()
        let server = try CurveKeyPair.generate()
        let client = try CurveKeyPair.generate()
        let secure = try makeTestSocket(context, .router)
        try secure.configureCurveServer(server)
        try secure.bind("tcp://127.0.0.1:*")
        let dealer = try makeTestSocket(context, .dealer)
        try dealer.configureCurveClient(client, serverKey: server.publicKey)
        try dealer.connect(try secure.lastEndpoint)

        try dealer.send(["", "secret task"])
        let request = try #require(try secure.receive())
        #expect(Array(request.dropFirst()) == ["", "secret task"])
        try secure.send([request[0], "", "done"])
        #expect(try dealer.receive() == ["", "done"])
    }

    @Test("a client with the wrong server key gets no answer")
    func wrongServerKey() throws {
        let context = try makeTestContext()
        let server = try CurveKeyPair.generate()
        let impostor = try CurveKeyPair.generate()
        let router = try makeTestSocket(context, .router)
        try router.configureCurveServer(server)
        try router.bind("tcp://127.0.0.1:*")
        let dealer = try context.makeSocket(.dealer)
        try dealer.configureCurveClient(try CurveKeyPair.generate(), serverKey: impostor.publicKey)
        try dealer.connect(try router.lastEndpoint)
        try dealer.send(["", "let me in"])
        try router.setReceiveTimeout(.milliseconds(300))
        #expect(try router.receive() == nil)
    }
}
