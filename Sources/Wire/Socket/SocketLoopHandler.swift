/// The socket-owning half of a `SocketLoop`: its sockets and what to do when they, a
/// command, or a timer need attention. Every method runs on the loop thread (the handler
/// itself never crosses threads; only its type does, hence `SendableMetatype`).
///
/// ```swift
/// final class EchoHandler: SocketLoopHandler {
///     let router: ZMQSocket
///     init(control: SocketLoopControl<String>) throws {
///         router = try control.context.makeSocket(.router)
///         try router.bind("tcp://127.0.0.1:*")
///     }
///     var readableSockets: [ZMQSocket] { [router] }
///     func socketReadable(at index: Int) {
///         while let message = try? router.receive(dontWait: true) { try? router.send(message) }
///     }
///     func handle(_ command: String) {}
/// }
/// ```
public protocol SocketLoopHandler: AnyObject, SendableMetatype {
    /// What other threads post to the loop.
    associatedtype Command: Sendable

    /// Sockets to poll for reading, in a stable order; re-read after every iteration so a
    /// handler can replace a socket (an agent reconnecting makes a fresh DEALER). Closed
    /// sockets are skipped.
    var readableSockets: [ZMQSocket] { get }

    /// `readableSockets[index]` has a message: drain it with `receive(dontWait: true)` as you
    /// like (what is left is reported again on the next iteration).
    func socketReadable(at index: Int)

    /// Sockets to wait on until they can be written, in a stable order, polled for
    /// POLLOUT and re-read after every iteration like ``readableSockets``: a fresh DEALER
    /// with `ZMQ_IMMEDIATE` becomes writable when its connection is up, so the loop wakes
    /// on the connection instead of checking for it on a timer. Default: none.
    var awaitedWritableSockets: [ZMQSocket] { get }

    /// `awaitedWritableSockets[index]` can be written now. Default: nothing.
    func socketWritable(at index: Int)

    /// One posted command, in posting order.
    func handle(_ command: Command)

    /// Called every iteration after I/O, with a monotonic `now`; returns how long the loop
    /// may sleep at most before calling again (heartbeats, timers). Default: one minute.
    func tick(now: ContinuousClock.Instant) -> Duration

    /// The last call on the loop thread; the loop then closes `readableSockets`. Close any
    /// other socket you own here. Default: nothing.
    func stopping()
}

extension SocketLoopHandler {
    /// No socket is waited on for writing.
    public var awaitedWritableSockets: [ZMQSocket] { [] }

    /// Nothing to do when a socket becomes writable.
    public func socketWritable(at index: Int) {}

    /// No timers: wake only for sockets and commands (and once a minute).
    public func tick(now: ContinuousClock.Instant) -> Duration { .seconds(60) }

    /// Nothing to do before the loop closes `readableSockets`.
    public func stopping() {}
}
