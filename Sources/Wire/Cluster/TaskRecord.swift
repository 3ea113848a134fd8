import Foundation

/// A task as the broker knows it: the spec plus everything that happened to it.
public struct TaskRecord: Codable, Sendable, Hashable, Identifiable {
    public var id: String
    public var spec: TaskSpec
    public var state: TaskState
    /// Attempts started so far (the first attempt is 1).
    public var attempts: Int
    public var maxAttempts: Int
    /// The agent of the current or last attempt.
    public var agent: String?
    /// The service (specialty) routing chose.
    public var specialty: String?
    public var createdAt: Date
    public var updatedAt: Date
    public var startedAt: Date?
    public var finishedAt: Date?
    /// When a retrying task may be dispatched again.
    public var notBefore: Date?
    public var result: TaskResult?
    public var error: String?
    /// What every finished attempt so far cost, in US dollars, as the runner reported it;
    /// nil until an attempt reports a cost.
    public var totalCostUSD: Double?
    /// The tokens every finished attempt so far used; nil until an attempt reports usage.
    public var totalUsage: TokenUsage?

    public init(
        id: String,
        spec: TaskSpec,
        state: TaskState = .queued,
        attempts: Int = 0,
        maxAttempts: Int = 3,
        agent: String? = nil,
        specialty: String? = nil,
        createdAt: Date,
        updatedAt: Date? = nil,
        startedAt: Date? = nil,
        finishedAt: Date? = nil,
        notBefore: Date? = nil,
        result: TaskResult? = nil,
        error: String? = nil,
        totalCostUSD: Double? = nil,
        totalUsage: TokenUsage? = nil
    ) {
        self.id = id
        self.spec = spec
        self.state = state
        self.attempts = attempts
        self.maxAttempts = maxAttempts
        self.agent = agent
        self.specialty = specialty
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.notBefore = notBefore
        self.result = result
        self.error = error
        self.totalCostUSD = totalCostUSD
        self.totalUsage = totalUsage
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, spec, state, attempts
        case maxAttempts = "max_attempts"
        case agent, specialty
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case startedAt = "started_at"
        case finishedAt = "finished_at"
        case notBefore = "not_before"
        case result, error
        case totalCostUSD = "total_cost_usd"
        case totalUsage = "total_usage"
    }
}
