import Synchronization

/// The commands posted to one `SocketLoop`, and its stop request, behind one lock.
///
/// Posting appends under the lock and signals the eventfd only when no wake-up is already
/// pending, so a burst of posts costs one `write` syscall. The loop resets the eventfd
/// *before* taking the queue, so a post racing with the take is either taken now or
/// leaves the eventfd set for the next poll: no command waits for a later wake-up.
final class SocketLoopMailbox<Command: Sendable>: Sendable {
    private struct State: ~Copyable {
        var commands: [Command] = []
        var wakePending = false
        var stopRequested = false
        var closed = false
    }

    private let state = Mutex(State())
    let wake: WakeSignal

    init(wake: WakeSignal) { self.wake = wake }

    /// Queues `command`; false once a stop was requested or the loop ended (dropped).
    func post(_ command: Command) -> Bool {
        let needsWake: Bool? = state.withLock { state in
            guard !state.stopRequested && !state.closed else { return nil }
            state.commands.append(command)
            defer { state.wakePending = true }
            return !state.wakePending
        }
        if needsWake == true { wake.signal() }
        return needsWake != nil
    }

    /// Asks the loop to end after the commands already queued; idempotent.
    func requestStop() {
        let needsWake = state.withLock { state in
            state.stopRequested = true
            defer { state.wakePending = true }
            return !state.wakePending && !state.closed
        }
        if needsWake { wake.signal() }
    }

    /// Moves every queued command into `buffer` (which must be empty, and whose storage
    /// the queue takes over, so a steady loop allocates nothing); true when the loop should stop.
    func take(into buffer: inout [Command]) -> Bool {
        state.withLock { state in
            swap(&state.commands, &buffer)
            state.wakePending = false
            return state.stopRequested
        }
    }

    /// Marks the loop ended: later posts are refused and dropped.
    func close() {
        state.withLock { $0.closed = true }
    }
}
