import Dispatch
import Foundation
import Logging
import Synchronization

/// Runs a poll loop on its own thread; the sockets it polls are created on that thread
/// and never leave it. Other threads talk to it only through `post(_:)`.
///
/// ```swift
/// let loop = try SocketLoop<BrokerCommand>.start(name: "broker", context: context) { control in
///     try BrokerSocketHandler(control: control)   // runs on the loop thread: makes the sockets
/// }
/// loop.post(.publish(event))
/// loop.stop()
/// loop.join()
/// ```
///
/// The loop is a real thread, not a Swift concurrency task, because `zmq_poll` blocks.
/// Posts wake it through a Linux eventfd polled next to the sockets (see `WakeSignal`).
/// Every command `post` accepts is handled, in order, before the handler's `stopping()`.
/// Dropping the last reference to a loop asks it to stop (without waiting for it).
public final class SocketLoop<Command: Sendable>: Sendable {
    /// The loop's name, also its thread's name.
    public let name: String
    private let mailbox: SocketLoopMailbox<Command>
    private let finished: DispatchGroup
    private let loopThread: pthread_t

    private init(name: String, mailbox: SocketLoopMailbox<Command>, finished: DispatchGroup, loopThread: pthread_t) {
        self.name = name
        self.mailbox = mailbox
        self.finished = finished
        self.loopThread = loopThread
    }

    deinit { mailbox.requestStop() }

    /// Starts the loop thread, runs `makeHandler` on it (so the handler's sockets are made
    /// there) and returns once the handler exists. If `makeHandler` throws, `start` rethrows
    /// that error after the thread has ended.
    public static func start<Handler: SocketLoopHandler>(
        name: String,
        context: ZMQContext,
        logger: Logger? = nil,
        makeHandler: @escaping @Sendable (SocketLoopControl<Command>) throws -> Handler
    ) throws -> SocketLoop<Command> where Handler.Command == Command {
        let mailbox = SocketLoopMailbox<Command>(wake: try WakeSignal())
        let control = SocketLoopControl(name: name, context: context, mailbox: mailbox)
        let logger = logger ?? Logger(label: "wire.socket-loop.\(name)")
        let startup = Startup()
        let finished = DispatchGroup()
        finished.enter()
        let thread = Thread {
            do {
                let handler = try makeHandler(control)
                startup.report(.success(pthread_self()))
                SocketLoopRun(handler: handler, mailbox: mailbox, context: context, logger: logger).run()
            } catch {
                mailbox.close()
                startup.report(.failure(error))
            }
            finished.leave()
        }
        thread.name = name
        thread.start()
        switch startup.wait() {
        case .success(let loopThread):
            return SocketLoop(name: name, mailbox: mailbox, finished: finished, loopThread: loopThread)
        case .failure(let error):
            finished.wait()
            throw error
        }
    }

    /// Queues `command` for the loop thread and wakes it; thread-safe, never blocks on the
    /// loop. Returns false (and drops the command) once the loop is stopping or ended.
    @discardableResult
    public func post(_ command: Command) -> Bool { mailbox.post(command) }

    /// Asks the loop to end: queued commands are handled, then `handler.stopping()`, then its
    /// sockets are closed and the thread exits. Idempotent; does not wait (see `join`).
    public func stop() { mailbox.requestStop() }

    /// Blocks until the loop thread has ended. Called on the loop thread itself it returns
    /// at once, since waiting there could never end.
    public func join() {
        if pthread_equal(loopThread, pthread_self()) != 0 { return }
        finished.wait()
    }

    /// Suspends until the loop thread has ended, without blocking a concurrency thread.
    public func stopped() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            finished.notify(queue: .global()) { continuation.resume() }
        }
    }

    /// Whether the loop thread has ended.
    public var isFinished: Bool { finished.wait(timeout: .now()) == .success }
}

extension SocketLoop {
    /// The start handshake: the loop thread reports its handler's creation (or failure).
    private final class Startup: Sendable {
        private let outcome = Mutex<Result<pthread_t, any Error>?>(nil)
        private let ready = DispatchSemaphore(value: 0)

        func report(_ result: Result<pthread_t, any Error>) {
            outcome.withLock { $0 = result }
            ready.signal()
        }

        func wait() -> Result<pthread_t, any Error> {
            ready.wait()
            return outcome.withLock { $0 } ?? .failure(SocketLoopError.wakeSignalUnavailable(errno: 0))
        }
    }
}
