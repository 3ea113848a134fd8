/// The broker telling an agent to stop a task: a worker REQUEST whose envelope is the
/// reserved address `@control`. The agent kills the runner and answers nothing to it; the
/// attempt's own FINAL (outcome `cancelled`) follows on the task's envelope.
///
/// Sent only to workers that sent `AgentInfo` in READY.
public struct TaskCancellation: Codable, Sendable, Hashable, VersionedBody {
    /// The `kind` value of a cancel.
    public static let kind = "task.cancel"
    /// The reserved envelope of broker-to-agent control requests; no client has it.
    public static let controlEnvelope: [Frame] = [Frame(controlAddress)]
    /// The reserved address text.
    public static let controlAddress = "@control"

    public var v: Int = 1
    public var kind: String = TaskCancellation.kind
    public var taskID: String
    /// The attempt to stop; nil stops whatever attempt is running.
    public var attempt: Int?
    /// Why, for the agent's log and hooks.
    public var reason: String?

    /// Creates a cancel.
    public init(taskID: String, attempt: Int? = nil, reason: String? = nil) {
        self.taskID = taskID
        self.attempt = attempt
        self.reason = reason
    }

    /// The whole worker command the broker sends.
    public var command: MDPWorkerCommand {
        .request(envelope: Self.controlEnvelope, body: [JSONWire.encode(self)])
    }

    enum CodingKeys: String, CodingKey {
        case v, kind
        case taskID = "task_id"
        case attempt, reason
    }
}
