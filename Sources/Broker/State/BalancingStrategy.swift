/// How the broker picks one agent among several of the same specialty with free capacity.
public enum BalancingStrategy: String, Sendable, Hashable, CaseIterable {
    /// Each specialty's agents in turn.
    case roundRobin = "round_robin"
    /// Fewest requests and tasks outstanding, then given work longest ago, then lowest
    /// CPU, then lowest memory (from the agents' HEARTBEAT load reports): ``LoadRank``.
    case leastLoaded = "least_loaded"
    /// The agent that last ran a task of the same type, else the least loaded.
    case affinity
}
