import Dispatch
import Foundation
import Testing
import Wire

@Suite("Sockets: SocketLoop waits for a socket to become writable")
struct SocketLoopWritableTests {
    @Test("a DEALER awaited for writing wakes the loop when its connection comes up, with no timer")
    func wakesWhenTheConnectionIsUp() throws {
        let context = try makeTestContext()
        let router = try makeTestSocket(context, .router)
        defer { router.close() }
        try router.bind(SocketTransport.tcp.freshEndpoint())
        let endpoint = try router.lastEndpoint
        let writable = DispatchSemaphore(value: 0)
        // The DEALER (ZMQ_IMMEDIATE) is made and connected on the loop's thread; it can be
        // written only once the TCP connection is up. The handler's tick asks for a minute's
        // sleep, so only the socket becoming writable can wake the loop in time.
        let loop = try SocketLoop<Int>.start(name: "writable-loop", context: context) { control in
            try ConnectionWatcher(context: control.context, endpoint: endpoint, writable: writable)
        }
        defer {
            loop.stop()
            loop.join()
        }

        #expect(writable.wait(timeout: .now() + .seconds(5)) == .success)
        let message = try #require(try router.receive())
        #expect(message.dropFirst().map(\.bytes) == [Array("connected".utf8)])
    }
}

/// Waits for its DEALER's connection, then sends one message and stops waiting.
private final class ConnectionWatcher: SocketLoopHandler {
    private let dealer: ZMQSocket
    private let writable: DispatchSemaphore
    private var waiting = true

    init(context: ZMQContext, endpoint: String, writable: DispatchSemaphore) throws {
        dealer = try makeTestSocket(context, .dealer)
        try dealer.setImmediate(true)
        try dealer.connect(endpoint)
        self.writable = writable
    }

    var readableSockets: [ZMQSocket] { [] }
    var awaitedWritableSockets: [ZMQSocket] { waiting ? [dealer] : [] }

    func socketReadable(at index: Int) {}

    func socketWritable(at index: Int) {
        guard waiting, dealer.isWritable else { return }
        waiting = false
        _ = try? dealer.send(["connected"], dontWait: true)
        writable.signal()
    }

    func handle(_ command: Int) {}

    func tick(now: ContinuousClock.Instant) -> Duration { .seconds(60) }

    func stopping() { dealer.close() }
}
