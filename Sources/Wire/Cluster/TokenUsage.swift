/// The tokens one attempt used, as the runner's `result` line counts them.
public struct TokenUsage: Codable, Sendable, Hashable {
    public var inputTokens: Int
    public var outputTokens: Int
    public var cacheReadInputTokens: Int
    public var cacheCreationInputTokens: Int

    /// Creates a usage count.
    public init(inputTokens: Int = 0, outputTokens: Int = 0, cacheReadInputTokens: Int = 0, cacheCreationInputTokens: Int = 0) {
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.cacheReadInputTokens = cacheReadInputTokens
        self.cacheCreationInputTokens = cacheCreationInputTokens
    }

    /// The sum of two counts.
    public static func + (lhs: TokenUsage, rhs: TokenUsage) -> TokenUsage {
        TokenUsage(
            inputTokens: lhs.inputTokens + rhs.inputTokens, outputTokens: lhs.outputTokens + rhs.outputTokens,
            cacheReadInputTokens: lhs.cacheReadInputTokens + rhs.cacheReadInputTokens,
            cacheCreationInputTokens: lhs.cacheCreationInputTokens + rhs.cacheCreationInputTokens)
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case inputTokens = "input_tokens"
        case outputTokens = "output_tokens"
        case cacheReadInputTokens = "cache_read_input_tokens"
        case cacheCreationInputTokens = "cache_creation_input_tokens"
    }

    /// Lenient: a missing count is zero, as the runner leaves some out.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            inputTokens: try c.decodeIfPresent(Int.self, forKey: .inputTokens) ?? 0,
            outputTokens: try c.decodeIfPresent(Int.self, forKey: .outputTokens) ?? 0,
            cacheReadInputTokens: try c.decodeIfPresent(Int.self, forKey: .cacheReadInputTokens) ?? 0,
            cacheCreationInputTokens: try c.decodeIfPresent(Int.self, forKey: .cacheCreationInputTokens) ?? 0)
    }
}
