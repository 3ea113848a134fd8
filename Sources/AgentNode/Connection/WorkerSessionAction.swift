import Logging
import Wire

/// What `WorkerSession` asks its shell to do.
enum WorkerSessionAction: Sendable, Equatable {
    /// Make a fresh DEALER socket connected to `endpoint` (closing any old one).
    case openSocket(endpoint: String)
    case closeSocket
    case send(MDPWorkerCommand)
    /// A REQUEST for the agent: a task, a cancel, or a question from another agent.
    case deliver(envelope: [Frame], body: [Frame])
    case log(Logger.Level, String)
}
