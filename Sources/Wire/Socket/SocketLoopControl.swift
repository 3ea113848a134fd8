/// What a `SocketLoopHandler` gets to talk to its own loop: post to itself, ask it to stop.
///
/// Handed to `makeHandler` on the loop thread; the handler may keep it. It does not keep
/// the `SocketLoop` alive, so a handler holding it makes no reference cycle.
public struct SocketLoopControl<Command: Sendable>: Sendable {
    /// The loop's name, also its thread's name (for logs).
    public let name: String
    /// The context the loop's sockets should be made from.
    public let context: ZMQContext
    let mailbox: SocketLoopMailbox<Command>

    /// Queues `command` for a later iteration; false once the loop is stopping (dropped).
    @discardableResult
    public func post(_ command: Command) -> Bool { mailbox.post(command) }

    /// Ends the loop after this iteration and the commands already queued.
    public func stop() { mailbox.requestStop() }
}
