import Foundation
import Testing
import Wire

/// The socket monitor: libzmq's two-frame events, read from a live ROUTER.
@Suite struct SocketMonitorTests {
    /// Six bytes in the machine's order, as libzmq writes them with memcpy.
    private func header(_ event: UInt16, _ value: UInt32) -> Frame {
        var bytes = [UInt8](repeating: 0, count: 6)
        withUnsafeBytes(of: event) { bytes.replaceSubrange(0..<2, with: $0) }
        withUnsafeBytes(of: value) { bytes.replaceSubrange(2..<6, with: $0) }
        return Frame(bytes)
    }

    @Test("An event's two frames read as its kind, its value and its endpoint")
    func parsesAnEvent() throws {
        let event = try SocketEvent(frames: [header(0x0200, 17), Frame("tcp://127.0.0.1:5555")])
        #expect(event.kind == .disconnected)
        #expect(event.descriptor == 17)
        #expect(event.endpoint == "tcp://127.0.0.1:5555")
        let accepted = try SocketEvent(frames: [header(0x0020, 0xFFFF_FFFF), Frame("tcp://[::1]:1")])
        #expect(accepted.kind == .accepted)
        #expect(accepted.descriptor == -1)
        #expect(SocketEventKinds([.accepted, .disconnected]).description == "accepted|disconnected")
        #expect(SocketEventKinds(rawValue: 0x10000).description == "0x10000")
    }

    @Test("Messages that are not events are refused with a reason")
    func refusesMalformedEvents() {
        #expect(throws: SocketMonitorError.wrongFrameCount(1)) { try SocketEvent(frames: [header(0x0200, 1)]) }
        #expect(throws: SocketMonitorError.wrongFrameCount(3)) { try SocketEvent(frames: [header(0x0200, 1), "a", "b"]) }
        #expect(throws: SocketMonitorError.wrongHeaderSize(5)) { try SocketEvent(frames: [Frame([1, 2, 3, 4, 5]), "tcp://x"]) }
        #expect(throws: SocketMonitorError.wrongHeaderSize(0)) { try SocketEvent(frames: [.empty, "tcp://x"]) }
    }

    /// Reads monitor events until one of `kind` arrives, within the test timeout.
    private func next(_ kind: SocketEventKinds, from monitor: SocketMonitor) throws -> SocketEvent? {
        let deadline = ContinuousClock.now + testReceiveTimeout
        while ContinuousClock.now < deadline {
            if let event = try monitor.nextEvent() {
                if event.kind == kind { return event }
                continue
            }
            Thread.sleep(forTimeInterval: 0.005)
        }
        return nil
    }

    @Test("A ROUTER's monitor names the connection a message came over, when it is accepted and when it breaks")
    func liveRouterEvents() throws {
        let context = try makeTestContext()
        let router = try makeTestSocket(context, .router)
        try router.bind("tcp://127.0.0.1:*")
        let monitor = try SocketMonitor(watching: router, events: [.accepted, .disconnected])
        defer { monitor.close() }
        let dealer = try makeTestSocket(context, .dealer)
        try dealer.connect(try router.lastEndpoint)
        try dealer.send(["hello"])
        let received = try #require(try router.receiveWithSource())
        #expect(received.frames.last == "hello")
        #expect(received.source >= 0)
        let accepted = try #require(try next(.accepted, from: monitor))
        #expect(accepted.descriptor == received.source)
        #expect(accepted.endpoint == (try router.lastEndpoint))
        dealer.close()
        let disconnected = try #require(try next(.disconnected, from: monitor))
        #expect(disconnected.descriptor == received.source)
    }

    @Test("Over inproc a message has no source descriptor")
    func inprocHasNoDescriptor() throws {
        let context = try makeTestContext()
        let (server, client) = try makeConnectedPair(context, server: .router, client: .dealer, over: .inproc)
        try client.send(["hi"])
        #expect(try #require(try server.receiveWithSource()).source == -1)
    }
}
