/// The body of the MDP REQUEST the broker sends an agent for one attempt of a task.
public struct TaskAssignment: Codable, Sendable, Hashable {
    public static let kind = "task.assign"
    public var v: Int = 1
    public var kind: String = TaskAssignment.kind
    public var taskID: String
    /// Which attempt this is; a result names it so a late answer from an older attempt
    /// is recognised and ignored.
    public var attempt: Int
    public var spec: TaskSpec
    /// Seconds the agent may spend before it must kill the runner.
    public var timeoutSeconds: Double
    /// Earlier work this attempt may continue (a retry's last session, a follow-up's parent).
    public var continuation: TaskContinuation?

    public init(taskID: String, attempt: Int, spec: TaskSpec, timeoutSeconds: Double, continuation: TaskContinuation? = nil) {
        self.taskID = taskID
        self.attempt = attempt
        self.spec = spec
        self.timeoutSeconds = timeoutSeconds
        self.continuation = continuation
    }

    enum CodingKeys: String, CodingKey {
        case v, kind
        case taskID = "task_id"
        case attempt, spec
        case timeoutSeconds = "timeout_seconds"
        case continuation
    }
}
