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
        // After the readable sockets come those awaited for writing, at writableIndices.
        var socketIndices: [Int] = []
        var polled: [ZMQSocket] = []
        var writableIndices: [Int] = []
        var polledWritable: [ZMQSocket] = []
        while !context.isShutdown {
            let sleep = max(handler.tick(now: clock.now), .zero)
            let sockets = handler.readableSockets
            let writable = handler.awaitedWritableSockets
            if poller.count == 0 || !Self.samePolled(sockets, polled: polled, at: socketIndices)
                || !Self.samePolled(writable, polled: polledWritable, at: writableIndices) {
                // Rebuilt only when the sockets change: a steady loop adds nothing per iteration.
                poller.removeAll()
                poller.add(fileDescriptor: mailbox.wake.fileDescriptor, events: .readable)
                socketIndices.removeAll(keepingCapacity: true)
                polled.removeAll(keepingCapacity: true)
                writableIndices.removeAll(keepingCapacity: true)
                polledWritable.removeAll(keepingCapacity: true)
                for (index, socket) in sockets.enumerated() where !socket.isClosed {
                    poller.add(socket, events: .readable)
                    socketIndices.append(index)
                    polled.append(socket)
                }
                for (index, socket) in writable.enumerated() where !socket.isClosed {
                    poller.add(socket, events: .writable)
                    writableIndices.append(index)
                    polledWritable.append(socket)
                }
            }
            let ready: [Poller.Ready]
            do {
                ready = try poller.poll(timeout: sleep)
            } catch {
                if !error.isTerminated { logger.error("socket loop ends: \(error)") }
                break
            }
            // Commands arrive only with the eventfd: a post signals it unless a signal is
            // already pending, and only this reset (just before the take) clears it. So a
            // wake-up for socket traffic alone skips the mailbox's lock, a thousand times a
            // second on a broker with a thousand agents heartbeating.
            if ready.first?.index == 0 {
                mailbox.wake.reset()
                let stopRequested = mailbox.take(into: &commands)
                for command in commands { handler.handle(command) }
                commands.removeAll(keepingCapacity: true)
                if stopRequested { break }
            }
            for item in ready where item.index > 0 {
                let position = item.index - 1
                if position < socketIndices.count {
                    handler.socketReadable(at: socketIndices[position])
                } else {
                    handler.socketWritable(at: writableIndices[position - socketIndices.count])
                }
            }
        }
        finish(&commands)
    }

    /// Whether the open sockets of `sockets` are exactly `polled`, at the same indices.
    private static func samePolled(_ sockets: [ZMQSocket], polled: [ZMQSocket], at indices: [Int]) -> Bool {
        var position = 0
        for (index, socket) in sockets.enumerated() where !socket.isClosed {
            guard position < polled.count, indices[position] == index, polled[position] === socket else { return false }
            position += 1
        }
        return position == polled.count
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
