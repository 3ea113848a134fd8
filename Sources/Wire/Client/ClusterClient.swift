/// The cluster's management API over the bus, typed: what the bridge and the CLI use.
///
/// Every call is an ordinary 18/MDP request to one of the broker's `mmi.*` services, so
/// this works from any machine that can reach the broker.
public final class ClusterClient: Sendable {
    public let bus: BusClient
    /// Present when the client was given PUB endpoints.
    public let events: EventSubscriber?

    public init(bus: BusClient, events: EventSubscriber?) {
        self.bus = bus
        self.events = events
    }

    /// Connects to the broker's ROUTER endpoints (failover order) and PUB endpoints.
    public convenience init(
        context: ZMQContext,
        endpoints: [String],
        eventEndpoints: [String] = [],
        options: BusClient.Options = .init()
    ) throws(BusClientError) {
        let bus = try BusClient(context: context, endpoints: endpoints, options: options)
        let events = eventEndpoints.isEmpty ? nil : try EventSubscriber(context: context, endpoints: eventEndpoints, security: options.security)
        self.init(bus: bus, events: events)
    }

    /// Closes both sockets.
    public func close() {
        bus.close()
        events?.close()
    }

    /// Submits a durable task; answered once it is committed to the journal.
    public func submit(_ spec: TaskSpec) async throws(BusClientError) -> TaskRecord {
        try await bus.call(ClusterService.TaskSubmit.self, spec)
    }

    /// One task and its recent progress; nil when the broker does not know it.
    public func task(id: String) async throws(BusClientError) -> TaskDetail? {
        try await nilIfNotFound { () async throws(BusClientError) in
            try await bus.call(ClusterService.TaskGet.self, TaskReference(taskID: id))
        }
    }

    /// A page of tasks, newest first.
    public func listTasks(_ query: TaskListQuery) async throws(BusClientError) -> TaskPage {
        try await bus.call(ClusterService.TaskList.self, query)
    }

    /// Cancels a task; nil when the broker does not know it.
    public func cancel(id: String) async throws(BusClientError) -> TaskRecord? {
        try await nilIfNotFound { () async throws(BusClientError) in
            try await bus.call(ClusterService.TaskCancel.self, TaskReference(taskID: id))
        }
    }

    /// The runner's transcript of a task's last attempt, or of attempt `attempt`; nil when
    /// the broker knows no such task, or the task no such attempt.
    public func log(id: String, attempt: Int? = nil) async throws(BusClientError) -> TaskLog? {
        try await nilIfNotFound { () async throws(BusClientError) in
            try await bus.call(ClusterService.TaskLogs.self, TaskReference(taskID: id, attempt: attempt))
        }
    }

    /// Every agent the broker knows, including recently departed ones (offline).
    public func agents() async throws(BusClientError) -> [AgentStatus] {
        try await bus.call(ClusterService.Agents.self, EmptyPayload())
    }

    /// The broker's version, endpoints and counters.
    public func info(timeout: Duration? = nil) async throws(BusClientError) -> RouterInfo {
        try await bus.call(ClusterService.Info.self, EmptyPayload(), timeout: timeout, attempts: timeout == nil ? nil : 1)
    }

    /// Publishes a broadcast; returns how many agents it was addressed to.
    public func broadcast(_ broadcast: Broadcast) async throws(BusClientError) -> Int {
        try await bus.call(ClusterService.BroadcastMessage.self, broadcast).recipients
    }

    /// The broker's metrics in Prometheus text format.
    public func metrics() async throws(BusClientError) -> String {
        try await bus.call(ClusterService.Metrics.self, EmptyPayload())
    }

    /// Lifts an account's usage-limit pause now; returns the pause it lifted. Throws the
    /// broker's `not_found` (naming the paused accounts) when the account is not paused.
    public func resumeAccount(_ account: String) async throws(BusClientError) -> AccountPause {
        try await bus.call(ClusterService.AccountResume.self, AccountReference(account: account))
    }

    /// One agent in depth; nil when the broker knows no such agent.
    public func agent(named name: String) async throws(BusClientError) -> AgentDetail? {
        try await nilIfNotFound { () async throws(BusClientError) in
            try await bus.call(ClusterService.AgentGet.self, AgentReference(agent: name))
        }
    }

    /// Pauses an agent (or drains it, `drain`): it keeps its running tasks and gets no new
    /// ones until ``resumeAgent(_:)``. Returns the agent afterwards; nil when the broker
    /// knows no such agent.
    public func pauseAgent(_ name: String, drain: Bool = false) async throws(BusClientError) -> AgentDetail? {
        try await nilIfNotFound { () async throws(BusClientError) in
            try await bus.call(ClusterService.AgentPause.self, AgentPauseRequest(agent: name, drain: drain))
        }
    }

    /// Lifts an agent's pause; returns the agent afterwards; nil when the broker knows no
    /// such agent.
    public func resumeAgent(_ name: String) async throws(BusClientError) -> AgentDetail? {
        try await nilIfNotFound { () async throws(BusClientError) in
            try await bus.call(ClusterService.AgentResume.self, AgentReference(agent: name))
        }
    }

    /// Tasks finished per minute over the last `minutes`, from the journal.
    public func history(minutes: Int = 60) async throws(BusClientError) -> TaskHistory {
        try await bus.call(ClusterService.StatsHistory.self, TaskHistoryQuery(minutes: minutes))
    }

    /// Raises an alert: the broker logs it and publishes it on the `alert` topic.
    public func raiseAlert(_ alert: Alert) async throws(BusClientError) {
        _ = try await bus.call(ClusterService.AlertRaise.self, alert)
    }

    /// Live events of one task (empty when the client has no PUB endpoints).
    public func taskEvents(id: String) -> AsyncStream<ClusterEvent> {
        events?.taskEvents(taskID: id) ?? AsyncStream { $0.finish() }
    }

    private func nilIfNotFound<Value>(_ body: () async throws(BusClientError) -> Value) async throws(BusClientError) -> Value? {
        do {
            return try await body()
        } catch .service(let error) where error.code == .notFound {
            return nil
        }
    }
}
