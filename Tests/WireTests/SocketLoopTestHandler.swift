import Dispatch
import Glibc
import Synchronization
import Wire

/// What the tests post to `EchoLoopHandler`.
enum EchoLoopCommand: Sendable {
    case note(Int)
    /// Close the ROUTER and bind a fresh one, as an agent does when it reconnects.
    case replaceSocket
    /// Ask the loop to stop from inside, through `SocketLoopControl`.
    case stopFromInside
}

/// What an `EchoLoopHandler` saw, readable from the test's thread.
final class EchoLoopLog: Sendable {
    private struct State {
        var events: [String] = []
        var notes: [Int] = []
        var noteThreads: Set<UInt> = []
        var endpoint = ""
        var ticks: [ContinuousClock.Instant] = []
    }

    private let state = Mutex(State())
    /// How long `tick` asks the loop to sleep.
    let tickInterval: Duration
    /// Signalled each time the handler binds a ROUTER (at start and on `.replaceSocket`).
    let bound = DispatchSemaphore(value: 0)
    /// Signalled once five ticks have happened.
    let fiveTicks = DispatchSemaphore(value: 0)

    init(tickInterval: Duration = .seconds(60)) { self.tickInterval = tickInterval }

    var events: [String] { state.withLock { $0.events } }
    var notes: [Int] { state.withLock { $0.notes } }
    var noteThreads: Set<UInt> { state.withLock { $0.noteThreads } }
    var endpoint: String { state.withLock { $0.endpoint } }
    var ticks: [ContinuousClock.Instant] { state.withLock { $0.ticks } }

    func record(_ event: String) { state.withLock { $0.events.append(event) } }
    func recordNote(_ note: Int) {
        state.withLock {
            $0.notes.append(note)
            $0.noteThreads.insert(UInt(pthread_self()))
        }
    }
    func recordEndpoint(_ endpoint: String) {
        state.withLock { $0.endpoint = endpoint }
        bound.signal()
    }
    func recordTick(_ now: ContinuousClock.Instant) {
        let count = state.withLock {
            $0.ticks.append(now)
            return $0.ticks.count
        }
        if count == 5 { fiveTicks.signal() }
    }
}

/// A loop handler with one ROUTER that echoes every message back with an "echo" frame.
final class EchoLoopHandler: SocketLoopHandler {
    private var router: ZMQSocket
    private let control: SocketLoopControl<EchoLoopCommand>
    private let log: EchoLoopLog

    init(control: SocketLoopControl<EchoLoopCommand>, log: EchoLoopLog) throws {
        self.control = control
        self.log = log
        router = try Self.makeRouter(control.context, log: log)
    }

    private static func makeRouter(_ context: ZMQContext, log: EchoLoopLog) throws -> ZMQSocket {
        let router = try makeTestSocket(context, .router)
        try router.bind("tcp://127.0.0.1:*")
        log.recordEndpoint(try router.lastEndpoint)
        return router
    }

    deinit { log.record("deinit, socket closed: \(router.isClosed)") }

    var readableSockets: [ZMQSocket] { [router] }

    func socketReadable(at index: Int) {
        while let message = try? router.receive(dontWait: true), let peer = message.first {
            _ = try? router.send([peer, "echo"] + message.dropFirst())
        }
    }

    func handle(_ command: EchoLoopCommand) {
        switch command {
        case .note(let number):
            log.recordNote(number)
        case .replaceSocket:
            router.close()
            do {
                router = try Self.makeRouter(control.context, log: log)
            } catch {
                log.record("replace failed: \(error)")
            }
        case .stopFromInside:
            control.stop()
        }
    }

    func tick(now: ContinuousClock.Instant) -> Duration {
        log.recordTick(now)
        return log.tickInterval
    }

    func stopping() { log.record("stopping") }
}

/// The error a failing `makeHandler` throws in the tests.
struct HandlerRefused: Error, Equatable {}
