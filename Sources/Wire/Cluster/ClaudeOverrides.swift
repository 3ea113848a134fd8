/// Claude Code settings a task sets for itself, over the agent's own; nil keeps the agent's.
public struct ClaudeOverrides: Codable, Sendable, Hashable {
    public var model: String?
    public var fallbackModel: String?
    public var maxTurns: Int?
    public var maxBudgetUSD: Double?
    public var allowedTools: [String]?
    public var disallowedTools: [String]?
    /// Appended to the agent's system prompt.
    public var appendSystemPrompt: String?

    /// Creates overrides.
    public init(
        model: String? = nil, fallbackModel: String? = nil, maxTurns: Int? = nil, maxBudgetUSD: Double? = nil,
        allowedTools: [String]? = nil, disallowedTools: [String]? = nil, appendSystemPrompt: String? = nil
    ) {
        self.model = model
        self.fallbackModel = fallbackModel
        self.maxTurns = maxTurns
        self.maxBudgetUSD = maxBudgetUSD
        self.allowedTools = allowedTools
        self.disallowedTools = disallowedTools
        self.appendSystemPrompt = appendSystemPrompt
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case model
        case fallbackModel = "fallback_model"
        case maxTurns = "max_turns"
        case maxBudgetUSD = "max_budget_usd"
        case allowedTools = "allowed_tools"
        case disallowedTools = "disallowed_tools"
        case appendSystemPrompt = "append_system_prompt"
    }
}
