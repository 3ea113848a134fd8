@testable import Bridge
import Foundation
import Synchronization
import Wire

/// An in-memory cluster standing in for the bus client: records what the bridge asks and
/// answers from scripted state.
actor FakeCluster: ClusterAPI {
    /// How the fake fails, to exercise the bridge's error paths.
    enum Failure: Sendable {
        case unavailable(String)
        /// Never answers (until cancelled), to exercise deadlines.
        case hang
    }

    static let epoch = Date(timeIntervalSince1970: 1_750_000_000)

    private(set) var tasks: [String: TaskDetail] = [:]
    private(set) var submitted: [TaskSpec] = []
    private(set) var broadcasts: [Broadcast] = []
    private(set) var queries: [TaskListQuery] = []
    private(set) var cancelled: [String] = []
    var agentList: [AgentStatus] = []
    var logs: [String: String] = [:]
    /// Transcripts of single attempts: task id, then attempt.
    var attemptLogs: [String: [Int: String]] = [:]
    /// What `history(minutes:)` answers, and the minutes it was asked for.
    var historyAnswer = TaskHistory(bucketSeconds: 60, buckets: [])
    private(set) var historyQueries: [Int] = []
    var metricsText = "# HELP cluster_broker_tasks_total Tasks accepted.\n# TYPE cluster_broker_tasks_total counter\ncluster_broker_tasks_total 7\n"
    var failure: Failure?
    private var nextID = 1
    /// Scripted live events per task id, delivered when the bridge subscribes.
    private nonisolated let scripts = Mutex<[String: [ClusterEvent]]>([:])
    private nonisolated let subscriptions = Mutex<[String]>([])
    /// Live feeds per task id, from `openFeed(for:)`.
    private nonisolated let feeds = Mutex<[String: AsyncStream<ClusterEvent>]>([:])

    init(agents: [AgentStatus] = FakeCluster.defaultAgents) {
        self.agentList = agents
    }

    static let defaultAgents: [AgentStatus] = [
        AgentStatus(name: "CC01", specialty: "frontend", state: .healthy, lastHeartbeat: epoch, capacity: 2),
        AgentStatus(name: "CC02", specialty: "backend", state: .busy, lastHeartbeat: epoch, runningTasks: ["t-9"]),
        AgentStatus(name: "CC03", specialty: "infra", state: .offline),
    ]

    func fail(with failure: Failure?) { self.failure = failure }

    func setLog(_ text: String, for id: String) { logs[id] = text }

    /// Adds a task as if it had been submitted earlier.
    @discardableResult
    func seed(_ record: TaskRecord, progress: [ProgressUpdate] = []) -> TaskRecord {
        tasks[record.id] = TaskDetail(task: record, progress: progress)
        return record
    }

    /// Events the next `events(taskID:)` for `id` delivers, then finishes.
    nonisolated func script(_ events: [ClusterEvent], for id: String) {
        scripts.withLock { $0[id] = events }
    }

    /// Opens a live feed for `id`: the next `events(taskID:)` for it delivers what the test
    /// yields to the returned continuation, as it yields it, and ends when the test finishes it.
    nonisolated func openFeed(for id: String) -> AsyncStream<ClusterEvent>.Continuation {
        let (stream, continuation) = AsyncStream.makeStream(of: ClusterEvent.self)
        feeds.withLock { $0[id] = stream }
        return continuation
    }

    /// Task ids the bridge subscribed to.
    nonisolated var subscribed: [String] { subscriptions.withLock { $0 } }

    private func check() async throws {
        switch failure {
        case .none: return
        case .unavailable(let reason): throw ClusterAPIError.brokerUnavailable(reason: reason)
        case .hang:
            try await Task.sleep(for: .seconds(3600))
            throw ClusterAPIError.timeout
        }
    }

    func submit(_ spec: TaskSpec) async throws -> TaskRecord {
        try await check()
        if let key = spec.idempotencyKey, let existing = tasks.values.first(where: { $0.task.spec.idempotencyKey == key }) {
            return existing.task
        }
        submitted.append(spec)
        let id = "t-\(nextID)"
        nextID += 1
        let record = TaskRecord(id: id, spec: spec, createdAt: Self.epoch)
        tasks[id] = TaskDetail(task: record)
        return record
    }

    func task(id: String) async throws -> TaskDetail? {
        try await check()
        return tasks[id]
    }

    func listTasks(_ query: TaskListQuery) async throws -> TaskPage {
        try await check()
        queries.append(query)
        if let cursor = query.cursor, !cursor.hasPrefix("cursor-") {
            // As the broker answers a cursor it did not issue.
            throw BusError(.badRequest, "the cursor \(cursor) was not issued by this broker")
        }
        let matching = tasks.values.map(\.task)
            .filter { query.states?.contains($0.state) ?? true }
            .filter { query.agent == nil || $0.agent == query.agent }
            .filter { query.source == nil || $0.spec.source == query.source }
            .sorted { $0.id < $1.id }
        let limit = query.limit ?? 50
        return TaskPage(tasks: Array(matching.prefix(limit)), nextCursor: matching.count > limit ? "cursor-\(limit)" : nil)
    }

    func cancel(id: String) async throws -> TaskRecord? {
        try await check()
        guard var detail = tasks[id] else { return nil }
        guard !detail.task.state.isTerminal else {
            throw BusError(.conflict, "task \(id) already \(detail.task.state.rawValue)")
        }
        detail.task.state = .cancelled
        tasks[id] = detail
        cancelled.append(id)
        return detail.task
    }

    func log(id: String, attempt: Int?) async throws -> String? {
        try await check()
        guard tasks[id] != nil else { return nil }
        guard let attempt else { return logs[id] ?? "" }
        return attemptLogs[id]?[attempt]
    }

    func history(minutes: Int) async throws -> TaskHistory {
        try await check()
        historyQueries.append(minutes)
        return historyAnswer
    }

    /// Replaces one agent's status (found by name, any case); for the agent routes.
    func setAgent(_ status: AgentStatus) {
        agentList.removeAll { $0.name.lowercased() == status.name.lowercased() }
        agentList.append(status)
    }

    func agents() async throws -> [AgentStatus] {
        try await check()
        return agentList
    }

    func info() async throws -> RouterInfo {
        try await check()
        return RouterInfo(
            version: "9.9.9", startedAt: Self.epoch, uptimeSeconds: 42, routerEndpoints: ["tcp://127.0.0.1:5555"],
            publisherEndpoints: ["tcp://127.0.0.1:5556"], agents: agentList.count, plainWorkers: 0,
            tasksByState: ["queued": 2, "running": 1], requestsInFlight: 0, invalidMessages: 0)
    }

    func broadcast(_ broadcast: Broadcast) async throws -> Int {
        try await check()
        broadcasts.append(broadcast)
        return agentList.count
    }

    func metrics() async throws -> String {
        try await check()
        return metricsText
    }

    /// Accounts the fake treats as paused, by lowercased name.
    var pausedAccounts: [String: AccountPause] = [:]

    func pause(_ pause: AccountPause) { pausedAccounts[pause.account.lowercased()] = pause }

    func resumeAccount(_ account: String) async throws -> AccountPause? {
        try await check()
        return pausedAccounts.removeValue(forKey: account.lowercased())
    }

    private(set) var alerts: [Alert] = []

    func raiseAlert(_ alert: Alert) async throws {
        try await check()
        alerts.append(alert)
    }

    nonisolated func events(taskID: String) -> AsyncStream<ClusterEvent> {
        subscriptions.withLock { $0.append(taskID) }
        if let feed = feeds.withLock({ $0.removeValue(forKey: taskID) }) { return feed }
        let events = scripts.withLock { $0.removeValue(forKey: taskID) } ?? []
        return AsyncStream { continuation in
            for event in events { continuation.yield(event) }
            continuation.finish()
        }
    }
}
