import Logging
import Wire

/// What `WorkerSession` asks its shell to do.
enum WorkerSessionAction: Sendable, Equatable {
    /// Make a fresh DEALER socket connected to `endpoint` (closing any old one), and report
    /// ``WorkerSession/connected()`` once it is writable (its connection is up).
    case openSocket(endpoint: String)
    /// Close the DEALER socket; `WorkerSession` has already taken back what it held for it.
    case closeSocket
    /// Send a command on the DEALER socket, whose connection is up.
    case send(MDPWorkerCommand)
    /// A REQUEST for the agent: a task, a cancel, or a question from another agent.
    case deliver(envelope: [Frame], body: [Frame])
    case log(Logger.Level, String)
}
