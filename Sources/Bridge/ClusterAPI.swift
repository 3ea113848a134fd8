import Wire

/// What the bridge needs from the cluster; the bus client implements it.
///
/// Every call is one management request to the broker over the bus (see
/// `ClusterService`). Failures are thrown as `ClusterAPIError` (or `BusError` as the broker
/// answered it); the bridge turns them into problem responses, a dead bus into 503.
public protocol ClusterAPI: Sendable {
    /// Submits a task durably: returns once the broker has committed it. Idempotent by
    /// `spec.idempotencyKey`: a second submission returns the first task.
    func submit(_ spec: TaskSpec) async throws -> TaskRecord

    /// One task and its recent progress, or nil when the broker knows no such task.
    func task(id: String) async throws -> TaskDetail?

    /// A page of tasks, newest first, filtered by the query.
    func listTasks(_ query: TaskListQuery) async throws -> TaskPage

    /// Cancels a task; nil when there is no such task.
    func cancel(id: String) async throws -> TaskRecord?

    /// The transcript of a task's last attempt, or of attempt `attempt`; nil when there is
    /// no such task, or the task has no transcript of that attempt.
    func log(id: String, attempt: Int?) async throws -> String?

    /// Every agent the broker knows, with its state and load.
    func agents() async throws -> [AgentStatus]

    /// The broker's version, uptime, endpoints and counts.
    func info() async throws -> RouterInfo

    /// Publishes a broadcast; returns how many connected agents it targets.
    func broadcast(_ broadcast: Broadcast) async throws -> Int

    /// The broker's own metrics in Prometheus text format.
    func metrics() async throws -> String

    /// Lifts an account's usage-limit pause; nil when the account is not paused.
    func resumeAccount(_ account: String) async throws -> AccountPause?

    /// One agent in depth: status, running and recent tasks, cost; nil when the broker
    /// knows no such agent.
    func agent(named name: String) async throws -> AgentDetail?

    /// Pauses (or drains) an agent: it keeps its running tasks and gets no new ones until
    /// resumed. Returns the agent afterwards; nil when the broker knows no such agent.
    func pauseAgent(_ name: String, drain: Bool) async throws -> AgentDetail?

    /// Lifts an agent's pause; returns the agent afterwards; nil when the broker knows no
    /// such agent.
    func resumeAgent(_ name: String) async throws -> AgentDetail?

    /// Tasks finished per minute over the last `minutes`.
    func history(minutes: Int) async throws -> TaskHistory

    /// Raises an alert that the broker logs and publishes (the bridge's own problems, such
    /// as a GitHub token without a needed permission).
    func raiseAlert(_ alert: Alert) async throws

    /// Live events about one task from the broker's PUB socket, from now on.
    ///
    /// The stream finishes when the subscription ends (bus closed); cancelling the
    /// consumer unsubscribes.
    func events(taskID: String) -> AsyncStream<ClusterEvent>
}

extension ClusterAPI {
    /// The transcript of a task's last attempt; nil when there is no such task.
    public func log(id: String) async throws -> String? {
        try await log(id: id, attempt: nil)
    }
}
