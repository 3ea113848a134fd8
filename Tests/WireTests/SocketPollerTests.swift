import Glibc
import Testing
import Wire

@Suite("Sockets: Poller")
struct SocketPollerTests {
    @Test("an idle poll times out with nothing ready")
    func idle() throws {
        let context = try makeTestContext()
        let socket = try context.makeSocket(.pull)
        try socket.bind(SocketTransport.inproc.freshEndpoint())
        let poller = Poller()
        poller.add(socket, events: .readable)
        #expect(try poller.poll(timeout: .milliseconds(10)).isEmpty)
    }

    @Test("a socket with a message is reported at its index")
    func readableSocket() throws {
        let context = try makeTestContext()
        let (quiet, _) = try makeConnectedPair(context, server: .pull, client: .push, over: .inproc)
        let (busy, sender) = try makeConnectedPair(context, server: .pull, client: .push, over: .tcp)
        let poller = Poller()
        poller.add(quiet)
        let busyIndex = poller.add(busy, events: .readable)
        try sender.send(["ping"])

        let ready = try poller.poll(timeout: testReceiveTimeout)
        #expect(ready == [Poller.Ready(index: busyIndex, events: .readable)])
        #expect(try busy.receive(dontWait: true) == ["ping"])
        #expect(try poller.poll(timeout: .zero).isEmpty)
    }

    @Test("a raw file descriptor is polled next to sockets")
    func fileDescriptor() throws {
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        defer { close(ends[0]); close(ends[1]) }
        let poller = Poller()
        let index = poller.add(fileDescriptor: ends[0], events: .readable)
        #expect(try poller.poll(timeout: .zero).isEmpty)
        var byte: UInt8 = 1
        #expect(write(ends[1], &byte, 1) == 1)
        #expect(try poller.poll(timeout: testReceiveTimeout).map(\.index) == [index])
    }

    @Test("polling a socket closed after it was added throws")
    func closedSocket() throws {
        let context = try makeTestContext()
        let socket = try context.makeSocket(.pull)
        let poller = Poller()
        poller.add(socket)
        socket.close()
        let error = try #require(throws: ZMQError.self) { try poller.poll(timeout: .zero) }
        #expect(error.isClosedSocket)
    }
}
