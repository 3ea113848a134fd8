/// How a burst spread over a set of simulated agents: how many there are, how many tasks
/// they answered, and the fewest and most any one of them answered.
///
/// A child process of part 6 prints its agents' spread as one line (``line``); the
/// benchmark reads the lines back (``init(line:)``) and merges them.
struct AgentSpread: Sendable, Hashable {
    var agents = 0
    var answered = 0
    /// Agents that answered at least one.
    var used = 0
    var fewest = 0
    var most = 0

    init() {}

    /// The spread of per-agent answer counts.
    init(counts: [Int]) {
        agents = counts.count
        answered = counts.reduce(0, +)
        used = counts.filter { $0 > 0 }.count
        fewest = counts.min() ?? 0
        most = counts.max() ?? 0
    }

    private static let prefix = "spread:"

    /// `spread: agents=… answered=… used=… min=… max=…`.
    var line: String { "\(Self.prefix) agents=\(agents) answered=\(answered) used=\(used) min=\(fewest) max=\(most)" }

    /// Reads a ``line``; nil for any other line.
    init?(line: String) {
        guard line.hasPrefix(Self.prefix) else { return nil }
        var fields: [String: Int] = [:]
        for part in line.dropFirst(Self.prefix.count).split(separator: " ") {
            let pair = part.split(separator: "=", maxSplits: 1)
            if pair.count == 2, let value = Int(pair[1]) { fields[String(pair[0])] = value }
        }
        guard let agents = fields["agents"], let answered = fields["answered"], let used = fields["used"],
              let fewest = fields["min"], let most = fields["max"] else { return nil }
        self.agents = agents
        self.answered = answered
        self.used = used
        self.fewest = fewest
        self.most = most
    }

    /// The spread over both sets of agents.
    func merged(with other: AgentSpread) -> AgentSpread {
        guard agents > 0 else { return other }
        guard other.agents > 0 else { return self }
        var all = self
        all.agents += other.agents
        all.answered += other.answered
        all.used += other.used
        all.fewest = min(fewest, other.fewest)
        all.most = max(most, other.most)
        return all
    }
}
