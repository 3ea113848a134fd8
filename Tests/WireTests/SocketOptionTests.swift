import Testing
@testable import Wire

@Suite("Sockets: options, endpoints and errors")
struct SocketOptionTests {
    @Test("ROUTER_MANDATORY makes a send to an unknown peer throw isHostUnreachable")
    func routerMandatory() throws {
        let context = try makeTestContext()
        let router = try context.makeSocket(.router)
        try router.setRouterMandatory(true)
        try router.bind("tcp://127.0.0.1:*")
        let error = try #require(throws: ZMQError.self) {
            try router.send(["no-such-agent", "", "hello"])
        }
        #expect(error.isHostUnreachable)
        #expect(error.description.contains("send frame 1 of 3"))
    }

    @Test("binding tcp://127.0.0.1:* reports the chosen port")
    func lastEndpoint() throws {
        let context = try makeTestContext()
        let socket = try context.makeSocket(.router)
        try socket.bind("tcp://127.0.0.1:*")
        let endpoint = try socket.lastEndpoint
        #expect(endpoint.hasPrefix("tcp://127.0.0.1:"))
        let port = try #require(Int(endpoint.dropFirst("tcp://127.0.0.1:".count)))
        #expect(port > 0)
        try socket.unbind(endpoint)
    }

    @Test("options read back what was set")
    func optionsRoundTrip() throws {
        let context = try makeTestContext()
        let socket = try context.makeSocket(.dealer)
        #expect(try socket.linger == .zero)
        try socket.setLinger(.milliseconds(250))
        #expect(try socket.linger == .milliseconds(250))
        try socket.setLinger(nil)
        #expect(try socket.linger == nil)
        try socket.setSendHighWaterMark(5_000)
        try socket.setReceiveHighWaterMark(6_000)
        #expect(try socket.sendHighWaterMark == 5_000)
        #expect(try socket.receiveHighWaterMark == 6_000)
        try socket.setRoutingID(Array("CC01".utf8))
        #expect(try socket.routingID == Array("CC01".utf8))
        try socket.setReceiveTimeout(.microseconds(1_500))
        #expect(try socket.receiveTimeout == .milliseconds(2))
        try socket.setSendTimeout(nil)
        #expect(try socket.sendTimeout == nil)
        try socket.setMaxMessageSize(1 << 20)
        #expect(try socket.maxMessageSize == 1 << 20)
        try socket.setMaxMessageSize(nil)
        #expect(try socket.maxMessageSize == nil)
    }

    @Test("the remaining setters reach libzmq: getsockopt reads back what was set")
    func settersReadBack() throws {
        let context = try makeTestContext()
        let router = try context.makeSocket(.router)
        #expect(try router.immediate == false)
        try router.setImmediate(true)
        #expect(try router.immediate == true)
        #expect(try router.tcpKeepalive == -1)
        try router.setTCPKeepalive(idle: .seconds(30), interval: .milliseconds(4_500), count: 3)
        #expect(try router.tcpKeepalive == 1)
        let probes = try router.tcpKeepaliveProbes
        #expect(probes.idleSeconds == 30)
        #expect(probes.intervalSeconds == 5, "whole seconds, rounded up")
        #expect(probes.count == 3)
        try router.setTCPKeepalive(false)
        #expect(try router.tcpKeepalive == 0)
        try router.setReconnectInterval(.milliseconds(120))
        #expect(try router.reconnectInterval == .milliseconds(120))
        try router.setReconnectIntervalMax(.seconds(5))
        #expect(try router.reconnectIntervalMax == .seconds(5))
        try router.setHandshakeInterval(.seconds(2))
        #expect(try router.handshakeInterval == .seconds(2))
        try router.setHandshakeInterval(nil)
        #expect(try router.handshakeInterval == .zero)
        try router.setZAPDomain("cluster")
        #expect(try router.zapDomain == "cluster")
        // SUBSCRIBE and UNSUBSCRIBE cannot be read back; dropping a prefix never
        // subscribed is not an error.
        let sub = try context.makeSocket(.sub)
        try sub.subscribe([0x01, 0x02])
        try sub.unsubscribe([0x01, 0x02])
        try sub.unsubscribe("never-subscribed")
    }

    @Test("ROUTER_HANDOVER hands a routing id to the newer connection")
    func routerHandover() throws {
        let context = try makeTestContext()
        let router = try context.makeSocket(.router)
        try router.setRouterHandover(true)
        try router.setReceiveTimeout(.seconds(5))
        let endpoint = SocketTransport.inproc.freshEndpoint()
        try router.bind(endpoint)
        var dealers: [ZMQSocket] = []
        for greeting in ["first", "second"] {
            let dealer = try context.makeSocket(.dealer)
            try dealer.setRoutingID(Array("CC01".utf8))
            try dealer.setReceiveTimeout(.milliseconds(200))
            try dealer.connect(endpoint)
            try dealer.send([Frame(greeting)])
            #expect(try router.receive() == ["CC01", Frame(greeting)])
            dealers.append(dealer)
        }
        try router.send(["CC01", "to the newer one"])
        #expect(try dealers[1].receive() == ["to the newer one"])
        #expect(try dealers[0].receive() == nil, "without handover the first connection would keep the id")
    }

    @Test("a bad option value or endpoint throws an error naming what we were doing")
    func badInput() throws {
        let context = try makeTestContext()
        let socket = try context.makeSocket(.dealer)
        let tooLong = try #require(throws: ZMQError.self) { try socket.setRoutingID(Array(repeating: 1, count: 300)) }
        #expect(tooLong.description.contains("ROUTING_ID"))
        let badEndpoint = try #require(throws: ZMQError.self) { try socket.bind("carrier-pigeon://roof") }
        #expect(badEndpoint.description.hasPrefix("bind carrier-pigeon://roof"))
        #expect(!badEndpoint.message.isEmpty)
    }

    @Test("context shutdown makes a blocked receive throw isTerminated")
    func shutdown() throws {
        let context = try makeTestContext()
        let socket = try context.makeSocket(.pull)
        try socket.bind(SocketTransport.inproc.freshEndpoint())
        context.shutdown()
        context.shutdown()
        #expect(context.isShutdown)
        let error = try #require(throws: ZMQError.self) { try socket.receive() }
        #expect(error.isTerminated)
        #expect(throws: ZMQError.self) { try context.makeSocket(.push) }
    }

    @Test("ZMQVersion reports libzmq 4.x with CURVE")
    func version() {
        #expect(ZMQVersion.current.major == 4)
        #expect(ZMQVersion.string.hasPrefix("4."))
        #expect(ZMQVersion.hasCurve)
    }

    @Test("ZMQError conveniences match their errno")
    func errorConveniences() {
        let error = ZMQError(code: 11, operation: "receive")  // EAGAIN on Linux
        #expect(error.isWouldBlock)
        #expect(!error.isTerminated && !error.isInterrupted && !error.isHostUnreachable)
        #expect(error.description.hasPrefix("receive: "))
        #expect(error.description.hasSuffix("(errno 11)"))
    }
}
