import Foundation

/// What an agent can do now, as its status port reports it.
public enum AgentStatusState: String, Codable, Sendable, Hashable {
    /// Registered, with room for another task.
    case healthy
    /// Registered and running as many tasks as it may.
    case busy
    /// Its account hit a usage limit: the broker sends it no work until `limited_until`.
    case limited
    /// Its runner cannot run tasks (see `runner_problem`); the broker sends it none.
    case unavailable
    /// Not registered with any broker: connecting, or reconnecting after losing it.
    case offline

    /// The facts the state is decided from.
    struct Facts: Sendable, Equatable {
        /// Registered with a broker.
        var connected: Bool
        /// Tasks running now.
        var running: Int
        /// Tasks it may run at once.
        var capacity: Int
        /// The end of a usage-limit pause this agent knows of.
        var limitedUntil: Date?
        /// Why its runner cannot run tasks, if it cannot.
        var runnerProblem: String?
        /// The time to judge `limitedUntil` against.
        var now: Date

        /// The facts, each given.
        init(connected: Bool, running: Int, capacity: Int, limitedUntil: Date?, runnerProblem: String?, now: Date) {
            self.connected = connected
            self.running = running
            self.capacity = capacity
            self.limitedUntil = limitedUntil
            self.runnerProblem = runnerProblem
            self.now = now
        }
    }

    /// Offline before anything else (nothing reaches an agent the broker cannot see), then
    /// limited while the limit lasts, then unavailable, then busy at capacity.
    static func decide(_ facts: Facts) -> AgentStatusState {
        if !facts.connected { return .offline }
        if let until = facts.limitedUntil, until > facts.now { return .limited }
        if facts.runnerProblem != nil { return .unavailable }
        return facts.running >= max(facts.capacity, 1) ? .busy : .healthy
    }
}
