import Testing
import Wire

@Suite("Sockets: whole multipart messages")
struct SocketTests {
    @Test("ROUTER and DEALER exchange multipart messages", arguments: SocketTransport.allCases)
    func routerDealer(transport: SocketTransport) throws {
        let context = try makeTestContext()
        let (router, dealer) = try makeConnectedPair(context, server: .router, client: .dealer, over: transport) {
            try $0.setRoutingID(Array("agent-1".utf8))
        }
        try dealer.send(["hello", "", "world"])
        let request = try #require(try router.receive())
        #expect(request == ["agent-1", "hello", "", "world"])

        try router.send([request[0], "back", "again"])
        #expect(try dealer.receive() == ["back", "again"])
    }

    @Test("PUB and SUB deliver only subscribed topics", arguments: SocketTransport.allCases)
    func pubSub(transport: SocketTransport) throws {
        let context = try makeTestContext()
        let (pub, sub) = try makeConnectedPair(context, server: .pub, client: .sub, over: transport) {
            try $0.subscribe("task.")
        }
        try waitForSubscription(pub: pub, sub: sub, topic: "task.sync")

        try pub.send(["agent.joined", "CC01"])
        try pub.send(["task.done", "42"])
        #expect(try receiveSkippingSync(sub) == ["task.done", "42"])
        #expect(try sub.receive(dontWait: true) == nil)
    }

    @Test("empty frames survive, alone and between others")
    func emptyFrames() throws {
        let context = try makeTestContext()
        let (server, client) = try makeConnectedPair(context, server: .pair, client: .pair, over: .inproc)
        try client.send([.empty])
        #expect(try server.receive() == [.empty])
        try client.send(["", "", "MDPW02", ""])
        #expect(try server.receive() == ["", "", "MDPW02", ""])
    }

    @Test("a 10 MB frame arrives intact over TCP")
    func tenMegabyteFrame() throws {
        let context = try makeTestContext()
        let (router, dealer) = try makeConnectedPair(context, server: .router, client: .dealer, over: .tcp)
        let payload = Frame(patternBytes(count: 10 * 1024 * 1024))
        try dealer.send(["big", payload, "tail"])
        let message = try #require(try router.receive())
        #expect(message.count == 4)
        #expect(message.dropFirst().first == "big")
        #expect(message.dropFirst(2).first == payload)
        #expect(message.last == "tail")
    }

    @Test("1,000 multipart messages in a burst arrive complete and in order", arguments: SocketTransport.allCases)
    func burst(transport: SocketTransport) throws {
        let context = try makeTestContext()
        let (router, dealer) = try makeConnectedPair(context, server: .router, client: .dealer, over: transport)
        let count = 1_000
        for number in 0..<count {
            try dealer.send(["", Frame(String(number)), Frame(patternBytes(count: number % 300))])
        }
        for number in 0..<count {
            let message = try #require(try router.receive())
            #expect(message.count == 4)
            #expect(message[1] == .empty)
            #expect(message[2] == Frame(String(number)))
            #expect(message[3] == Frame(patternBytes(count: number % 300)))
        }
        #expect(try router.receive(dontWait: true) == nil)
    }

    @Test("receive returns nil when nothing is there or the timeout passes")
    func receiveNothing() throws {
        let context = try makeTestContext()
        let socket = try context.makeSocket(.pull)
        try socket.bind(SocketTransport.inproc.freshEndpoint())
        #expect(try socket.receive(dontWait: true) == nil)
        try socket.setReceiveTimeout(.milliseconds(1))
        #expect(try socket.receive() == nil)
    }

    @Test("send returns false without sending when it would block")
    func sendWouldBlock() throws {
        let context = try makeTestContext()
        let dealer = try context.makeSocket(.dealer)
        // A DEALER with no peer has nowhere to queue a message.
        #expect(try dealer.send(["nobody"], dontWait: true) == false)
    }

    @Test("a closed socket throws, and close is idempotent")
    func closedSocket() throws {
        let context = try makeTestContext()
        let socket = try context.makeSocket(.dealer)
        socket.close()
        socket.close()
        #expect(socket.isClosed)
        let error = try #require(throws: ZMQError.self) { try socket.send(["x"]) }
        #expect(error.isClosedSocket)
        #expect(throws: ZMQError.self) { try socket.receive(dontWait: true) }
        #expect(throws: ZMQError.self) { try socket.connect("tcp://127.0.0.1:1") }
    }

    @Test("a message needs at least one frame")
    func sendNoFrames() throws {
        let context = try makeTestContext()
        let socket = try context.makeSocket(.dealer)
        let error = try #require(throws: ZMQError.self) { try socket.send([]) }
        #expect(error.description.contains("no frames"))
    }
}
