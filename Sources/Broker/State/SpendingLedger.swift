import Wire

/// What runners reported spending since the broker started, per agent and per account.
///
/// Agents naming no account are an account of their own, counted under the agent's name.
/// Keys keep the spelling the agent registered with.
struct SpendingLedger: Sendable, Hashable, Codable {
    /// US dollars per agent name.
    private(set) var costByAgent: [String: Double] = [:]
    /// US dollars per account.
    private(set) var costByAccount: [String: Double] = [:]

    /// An empty ledger.
    init() {}

    /// Adds one attempt's cost; a nil or non-finite cost (the runner reported none) adds
    /// nothing, a negative one is taken as zero.
    mutating func add(costUSD: Double?, agent: String, account: String?) {
        guard let cost = costUSD, cost.isFinite else { return }
        let amount = max(cost, 0)
        costByAgent[agent, default: 0] += amount
        costByAccount[account ?? agent, default: 0] += amount
    }

    /// The cost an agent's runs reported, or nil when it reported none.
    func cost(ofAgent agent: String) -> Double? { costByAgent[agent] }
}
