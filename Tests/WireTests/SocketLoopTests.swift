import Dispatch
import Glibc
import Testing
import Wire

@Suite("Sockets: SocketLoop")
struct SocketLoopTests {
    private func startEchoLoop(
        _ context: ZMQContext, log: EchoLoopLog
    ) throws -> SocketLoop<EchoLoopCommand> {
        try SocketLoop<EchoLoopCommand>.start(name: "echo-loop", context: context) { control in
            try EchoLoopHandler(control: control, log: log)
        }
    }

    @Test("posted commands are handled in order on the loop thread, then stopping, then close")
    func commandsInOrder() throws {
        let context = try makeTestContext()
        let log = EchoLoopLog()
        let loop = try startEchoLoop(context, log: log)
        for number in 0..<500 { #expect(loop.post(.note(number))) }
        loop.stop()
        loop.join()

        #expect(log.notes == Array(0..<500))
        #expect(log.noteThreads.count == 1)
        #expect(!log.noteThreads.contains(UInt(pthread_self())))
        #expect(log.events == ["stopping", "deinit, socket closed: true"])
        #expect(loop.isFinished)
        #expect(!loop.post(.note(500)))
    }

    @Test("posts racing from several threads are all handled, each thread's in order")
    func concurrentPosts() throws {
        let context = try makeTestContext()
        let log = EchoLoopLog()
        let loop = try startEchoLoop(context, log: log)
        let threads = 4
        let perThread = 2_000
        DispatchQueue.concurrentPerform(iterations: threads) { thread in
            for number in 0..<perThread { loop.post(.note(thread * 1_000_000 + number)) }
        }
        loop.stop()
        loop.join()

        let notes = log.notes
        #expect(notes.count == threads * perThread)
        for thread in 0..<threads {
            let mine = notes.filter { $0 / 1_000_000 == thread }.map { $0 % 1_000_000 }
            #expect(mine == Array(0..<perThread))
        }
    }

    @Test("the handler's socket answers a socket on another thread")
    func echoAcrossThreads() throws {
        let context = try makeTestContext()
        let log = EchoLoopLog()
        let loop = try startEchoLoop(context, log: log)
        defer { loop.stop(); loop.join() }

        let dealer = try makeTestSocket(context, .dealer)
        try dealer.connect(log.endpoint)
        try dealer.send(["", "hello"])
        #expect(try dealer.receive() == ["echo", "", "hello"])
    }

    @Test("a handler may replace its socket; the loop polls the new one")
    func replaceSocket() throws {
        let context = try makeTestContext()
        let log = EchoLoopLog()
        let loop = try startEchoLoop(context, log: log)
        defer { loop.stop(); loop.join() }
        #expect(log.bound.wait(timeout: .now()) == .success)
        let first = log.endpoint

        loop.post(.replaceSocket)
        #expect(log.bound.wait(timeout: .now() + .seconds(5)) == .success)
        #expect(log.endpoint != first)
        let dealer = try makeTestSocket(context, .dealer)
        try dealer.connect(log.endpoint)
        try dealer.send(["again"])
        #expect(try dealer.receive() == ["echo", "again"])
    }

    @Test("with no traffic the loop wakes itself when tick asks, and sleeps as long as it asks")
    func ticks() throws {
        let context = try makeTestContext()
        let interval = Duration.milliseconds(30)
        let log = EchoLoopLog(tickInterval: interval)
        let loop = try startEchoLoop(context, log: log)
        defer { loop.stop(); loop.join() }

        // A loop that ignored the answer would poll for the default minute: no fifth tick.
        #expect(log.fiveTicks.wait(timeout: .now() + .seconds(5)) == .success)
        // One that did not sleep would tick back to back. The first gap may be cut short by
        // the start; after it nothing wakes the loop but its own timeout.
        let ticks = log.ticks
        let gaps = zip(ticks.dropFirst(), ticks.dropFirst(2)).map { $1 - $0 }
        #expect(gaps.count >= 3)
        #expect(gaps.allSatisfy { $0 >= interval - .milliseconds(2) }, "gaps between ticks: \(gaps)")
    }

    @Test("stop is idempotent, join may be called twice, and the handler can stop its own loop")
    func stopping() async throws {
        let context = try makeTestContext()
        let log = EchoLoopLog()
        let loop = try startEchoLoop(context, log: log)
        loop.post(.stopFromInside)
        await loop.stopped()
        loop.stop()
        loop.join()
        loop.join()
        #expect(loop.isFinished)
        #expect(log.events == ["stopping", "deinit, socket closed: true"])
    }

    @Test("shutting the context down ends the loop cleanly")
    func contextShutdown() throws {
        let context = try makeTestContext()
        let log = EchoLoopLog()
        let loop = try startEchoLoop(context, log: log)
        context.shutdown()
        loop.join()
        #expect(log.events == ["stopping", "deinit, socket closed: true"])
    }

    @Test("makeHandler throwing makes start throw that error")
    func makeHandlerThrows() throws {
        let context = try makeTestContext()
        #expect(throws: HandlerRefused()) {
            _ = try SocketLoop<EchoLoopCommand>.start(name: "refused", context: context) { _ -> EchoLoopHandler in
                throw HandlerRefused()
            }
        }
    }
}
