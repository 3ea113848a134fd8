/// Names one task: the payload of `mmi.task.get`, `mmi.task.cancel` and `mmi.task.log`.
public struct TaskReference: Codable, Sendable, Hashable {
    public var taskID: String
    /// For `mmi.task.log` only: the attempt whose transcript is wanted (the first is 1);
    /// nil for the last attempt that has one.
    public var attempt: Int?

    /// Creates a reference.
    public init(taskID: String, attempt: Int? = nil) {
        self.taskID = taskID
        self.attempt = attempt
    }

    enum CodingKeys: String, CodingKey {
        case taskID = "task_id"
        case attempt
    }
}

/// The filters of `mmi.task.list`; every field is optional and they combine with AND.
public struct TaskListQuery: Codable, Sendable, Hashable {
    /// Only tasks in one of these states.
    public var states: [TaskState]?
    /// Only tasks whose current or last agent is this one.
    public var agent: String?
    public var source: TaskSource?
    /// At most this many tasks (the broker caps it; default 50).
    public var limit: Int?
    /// `next_cursor` of the previous page; nil for the first page.
    public var cursor: String?

    /// Creates a query.
    public init(states: [TaskState]? = nil, agent: String? = nil, source: TaskSource? = nil, limit: Int? = nil, cursor: String? = nil) {
        self.states = states
        self.agent = agent
        self.source = source
        self.limit = limit
        self.cursor = cursor
    }
}

/// One page of `mmi.task.list`.
public struct TaskPage: Codable, Sendable, Hashable {
    public var tasks: [TaskRecord]
    /// Pass it back as `cursor` for the next page; nil on the last page. Opaque.
    public var nextCursor: String?

    /// Creates a page.
    public init(tasks: [TaskRecord], nextCursor: String? = nil) {
        self.tasks = tasks
        self.nextCursor = nextCursor
    }

    enum CodingKeys: String, CodingKey {
        case tasks
        case nextCursor = "next_cursor"
    }
}

/// The result of `mmi.task.get`: the task and its latest progress, oldest first.
public struct TaskDetail: Codable, Sendable, Hashable {
    public var task: TaskRecord
    public var progress: [ProgressUpdate]
    /// The finished attempts the broker booked, oldest first; nil from brokers that do
    /// not keep them.
    public var attempts: [TaskAttempt]?

    /// Creates a detail.
    public init(task: TaskRecord, progress: [ProgressUpdate] = [], attempts: [TaskAttempt]? = nil) {
        self.task = task
        self.progress = progress
        self.attempts = attempts
    }
}

/// The result of `mmi.task.log`.
public struct TaskLog: Codable, Sendable, Hashable {
    public var taskID: String
    /// The transcript of the last attempt: the runner's output, as recorded.
    public var text: String

    /// Creates a log.
    public init(taskID: String, text: String) {
        self.taskID = taskID
        self.text = text
    }

    enum CodingKeys: String, CodingKey {
        case taskID = "task_id"
        case text
    }
}

/// The result of `mmi.broadcast`.
public struct BroadcastReceipt: Codable, Sendable, Hashable {
    /// Connected agents the broadcast's target matched.
    public var recipients: Int

    /// Creates a receipt.
    public init(recipients: Int) { self.recipients = recipients }
}
