import Logging
import Wire

/// What `WorkerSession` asks its shell to do.
enum WorkerSessionAction: Sendable, Equatable {
    /// Close any old DEALER, make a fresh one connecting to each of `endpoints` (in this
    /// order of preference), keep the first whose connection comes up (writable), close the
    /// others, and report it with ``WorkerSession/connected(to:)``.
    case openSockets(endpoints: [String])
    /// Close the DEALER socket; `WorkerSession` has already taken back what it held for it.
    case closeSocket
    /// Send a command on the DEALER socket, whose connection is up.
    case send(MDPWorkerCommand)
    /// A REQUEST for the agent: a task, a cancel, or a question from another agent.
    case deliver(envelope: [Frame], body: [Frame])
    case log(Logger.Level, String)
}
