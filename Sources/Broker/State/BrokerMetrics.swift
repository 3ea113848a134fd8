/// The broker's figures at one instant: counters and gauges, for `mmi.metrics`.
struct BrokerMetrics: Sendable, Hashable, Codable {
    /// Totals since the broker started.
    var counters: BrokerCounters
    /// Unfinished tasks the broker holds, keyed by `TaskState` raw value.
    var tasksByState: [String: Int]
    /// Registered workers that sent `AgentInfo`.
    var agents: Int
    /// Registered plain MDP workers.
    var plainWorkers: Int
    /// Plain requests waiting for a worker.
    var requestsWaiting: Int
    /// Plain requests held by workers.
    var requestsInFlight: Int
    /// Seconds since the broker started.
    var uptimeSeconds: Double
    /// What runners reported spending since the broker started; nil from brokers that do
    /// not count it.
    var spending: SpendingLedger?
    /// Accounts paused by a usage limit.
    var usageLimitedAccounts: Int
    /// Registered agents sent no work because their account is paused.
    var usageLimitedAgents: Int
    /// Registered agents whose last heartbeat load was over a CPU or memory limit.
    var agentsOverResourceLimit: Int?
    /// Run times, queue waits, outcomes and cost by specialty and agent.
    var statistics: TaskStatistics?
    /// Agents an operator paused or drained (connected or not).
    var agentsPaused: Int?

    /// A snapshot.
    init(
        counters: BrokerCounters, tasksByState: [String: Int], agents: Int, plainWorkers: Int,
        requestsWaiting: Int, requestsInFlight: Int, uptimeSeconds: Double, spending: SpendingLedger? = nil,
        usageLimitedAccounts: Int = 0, usageLimitedAgents: Int = 0,
        agentsOverResourceLimit: Int? = nil, agentsPaused: Int? = nil, statistics: TaskStatistics? = nil
    ) {
        self.counters = counters
        self.tasksByState = tasksByState
        self.agents = agents
        self.plainWorkers = plainWorkers
        self.requestsWaiting = requestsWaiting
        self.requestsInFlight = requestsInFlight
        self.uptimeSeconds = uptimeSeconds
        self.spending = spending
        self.usageLimitedAccounts = usageLimitedAccounts
        self.usageLimitedAgents = usageLimitedAgents
        self.agentsOverResourceLimit = agentsOverResourceLimit
        self.statistics = statistics
        self.agentsPaused = agentsPaused
    }

    /// The snapshot in Prometheus text exposition format (`cluster_broker_*`).
    var prometheusText: String {
        var lines: [String] = []
        func metric(_ name: String, _ type: String, _ help: String, _ samples: [(labels: String, value: String)]) {
            lines.append("# HELP cluster_broker_\(name) \(help)")
            lines.append("# TYPE cluster_broker_\(name) \(type)")
            for sample in samples {
                lines.append("cluster_broker_\(name)\(sample.labels) \(sample.value)")
            }
        }
        func counter(_ name: String, _ help: String, _ value: Int) {
            metric(name + "_total", "counter", help, [("", String(value))])
        }
        let c = counters
        counter("invalid_messages", "Messages dropped as invalid MDP or invalid for their peer.", c.invalidMessages)
        counter("bad_requests", "Management requests with unreadable bodies.", c.badRequests)
        counter("requests_received", "Plain client requests for worker services.", c.requestsReceived)
        counter("requests_answered", "Plain requests answered by a worker.", c.requestsAnswered)
        counter("requests_expired", "Plain requests that found no worker in time.", c.requestsExpired)
        counter("requests_refused", "Plain requests refused because the waiting list was full.", c.requestsRefused)
        counter("management_requests", "Management (mmi.*) requests.", c.managementRequests)
        counter("workers_registered", "Worker registrations.", c.workersRegistered)
        counter("workers_expired", "Workers removed after silence or holding work too long.", c.workersExpired)
        counter("workers_disconnected", "Workers that disconnected or were disconnected.", c.workersDisconnected)
        counter("worker_checks_deferred", "Ticks that held back due silence checks because the broker had not read all its input.",
                c.workerChecksDeferred)
        counter("worker_connections_closed", "Connections of registered workers seen closing (each starts the disconnect grace).",
                c.workerConnectionsClosed)
        counter("workers_connection_lost", "Workers removed because their connection closed and they did not come back within the grace.",
                c.workersConnectionLost)
        counter("tasks_submitted", "Tasks accepted.", c.tasksSubmitted)
        counter("tasks_deduplicated", "Submissions answered with an existing task.", c.tasksDeduplicated)
        counter("tasks_dispatched", "Task deliveries to agents.", c.tasksDispatched)
        counter("tasks_requeued", "Tasks queued again after losing their agent.", c.tasksRequeued)
        counter("tasks_requeued_after_disconnect", "Tasks queued again because their agent's connection closed (no heartbeat wait).",
                c.tasksRequeuedAfterDisconnect)
        counter("tasks_retried", "Failed attempts scheduled for another attempt.", c.tasksRetried)
        counter("tasks_succeeded", "Tasks that succeeded.", c.tasksSucceeded)
        counter("attempts_failed", "Attempts reported failed.", c.attemptsFailed)
        counter("attempts_timed_out", "Attempts timed out by the broker.", c.attemptsTimedOut)
        counter("tasks_cancelled", "Tasks cancelled.", c.tasksCancelled)
        counter("tasks_exhausted", "Tasks that ended failed, timed out or dead-lettered.", c.tasksExhausted)
        counter("usage_limited_results", "Attempts that ended on a usage limit (queued again, not counted).",
                c.usageLimitedResults)
        counter("accounts_paused", "Times an account was paused by a usage limit.", c.accountsPaused)
        counter("agent_pauses", "Times an operator paused or drained an agent that was not paused.", c.agentPauses)
        counter("duplicate_results", "Results ignored as late or duplicate.", c.duplicateResults)
        counter("results_ignored_by_journal", "Second results the broker let through and the journal ignored (a bug).",
                c.resultsIgnoredByJournal)
        counter("tasks_refused_by_journal", "Submitted tasks the journal refused over an idempotency key; answered with the key's task.",
                c.tasksRefusedByJournal)
        counter("progress_updates", "Progress lines received.", c.progressUpdates)
        counter("broadcasts", "Broadcasts published.", c.broadcasts)
        counter("alerts", "Alerts published.", c.alerts)
        metric("tasks", "gauge", "Unfinished tasks held by the broker, by state.",
               tasksByState.sorted { $0.key < $1.key }.map { ("{state=\"\($0.key)\"}", String($0.value)) })
        metric("agents", "gauge", "Registered cluster agents.", [("", String(agents))])
        metric("plain_workers", "gauge", "Registered plain MDP workers.", [("", String(plainWorkers))])
        metric("requests_waiting", "gauge", "Plain requests waiting for a worker.", [("", String(requestsWaiting))])
        metric("requests_in_flight", "gauge", "Plain requests held by workers.", [("", String(requestsInFlight))])
        metric("usage_limited_accounts", "gauge", "Accounts paused by a usage limit.",
               [("", String(usageLimitedAccounts))])
        metric("usage_limited_agents", "gauge", "Registered agents sent no work because their account is paused.",
               [("", String(usageLimitedAgents))])
        if let agentsOverResourceLimit {
            metric("agents_over_resource_limit", "gauge", "Registered agents whose last load report was over a CPU or memory limit.",
                   [("", String(agentsOverResourceLimit))])
        }
        metric("uptime_seconds", "gauge", "Seconds since the broker started.", [("", String(uptimeSeconds))])
        if let spending {
            metric("agent_cost_usd_total", "counter", "US dollars runners reported spending, by agent.",
                   spending.costByAgent.sorted { $0.key < $1.key }.map { ("{agent=\"\(Self.label($0.key))\"}", String($0.value)) })
            metric("account_cost_usd_total", "counter", "US dollars runners reported spending, by account.",
                   spending.costByAccount.sorted { $0.key < $1.key }.map { ("{account=\"\(Self.label($0.key))\"}", String($0.value)) })
        }
        if let agentsPaused {
            // Named as the console and its users expect it, outside the broker's prefix.
            lines.append("# HELP cluster_agents_paused Agents an operator paused or drained (they get no new work).")
            lines.append("# TYPE cluster_agents_paused gauge")
            lines.append("cluster_agents_paused \(agentsPaused)")
        }
        return lines.joined(separator: "\n") + "\n" + (statistics?.prometheusText ?? "")
    }

    /// A Prometheus label value: backslash, quote and newline escaped.
    private static func label(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }
}
