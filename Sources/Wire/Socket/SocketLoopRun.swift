import Logging

/// The body of a `SocketLoop`'s thread: poll, take commands, read sockets, tick, repeat.
struct SocketLoopRun<Handler: SocketLoopHandler> {
    let handler: Handler
    let mailbox: SocketLoopMailbox<Handler.Command>
    let context: ZMQContext
    let logger: Logger

    /// Runs until a stop request, context shutdown (ETERM) or a poll failure, then hands
    /// any still-queued commands to the handler, calls `stopping()` and closes the sockets.
    func run() {
        let clock = ContinuousClock()
        let poller = Poller()
        var commands: [Handler.Command] = []
        // Poller index i + 1 is handler socket socketIndices[i]; index 0 is the eventfd.
        var socketIndices: [Int] = []
        while !context.isShutdown {
            let sleep = max(handler.tick(now: clock.now), .zero)
            let sockets = handler.readableSockets
            poller.removeAll()
            poller.add(fileDescriptor: mailbox.wake.fileDescriptor, events: .readable)
            socketIndices.removeAll(keepingCapacity: true)
            for (index, socket) in sockets.enumerated() where !socket.isClosed {
                poller.add(socket, events: .readable)
                socketIndices.append(index)
            }
            let ready: [Poller.Ready]
            do {
                ready = try poller.poll(timeout: sleep)
            } catch {
                if !error.isTerminated { logger.error("socket loop ends: \(error)") }
                break
            }
            if ready.first?.index == 0 { mailbox.wake.reset() }
            let stopRequested = mailbox.take(into: &commands)
            for command in commands { handler.handle(command) }
            commands.removeAll(keepingCapacity: true)
            if stopRequested { break }
            for item in ready where item.index > 0 {
                handler.socketReadable(at: socketIndices[item.index - 1])
            }
        }
        finish(&commands)
    }

    /// Every accepted command is handled, even when the loop ended on ETERM.
    private func finish(_ commands: inout [Handler.Command]) {
        mailbox.close()
        _ = mailbox.take(into: &commands)
        for command in commands { handler.handle(command) }
        handler.stopping()
        for socket in handler.readableSockets { socket.close() }
    }
}
