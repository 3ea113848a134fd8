/// What tasks did since the broker started, by specialty and agent: run times, queue
/// waits, outcomes and cost. Fed by the state machine as attempts are dispatched and end;
/// exported by `mmi.metrics`. Pure.
struct TaskStatistics: Sendable, Hashable, Codable {
    /// Attempt run times (dispatch to result), by specialty.
    private(set) var runTime: [String: DurationHistogram] = [:]
    /// Waits from queued (or due again after a retry's backoff) to dispatch, by specialty.
    private(set) var queueWait: [String: DurationHistogram] = [:]
    /// Attempt outcomes (`succeeded`, `failed`, `timed_out`, `cancelled`, `usage_limited`).
    private(set) var outcomes: [OutcomeKey: Int] = [:]
    /// US dollars runners reported, by specialty.
    private(set) var costBySpecialty: [String: Double] = [:]

    /// Nothing yet.
    init() {}

    /// Who ended an attempt, of which specialty, how.
    struct OutcomeKey: Sendable, Hashable, Codable, Comparable {
        var agent: String
        public var specialty: String
        var outcome: String

        static func < (lhs: OutcomeKey, rhs: OutcomeKey) -> Bool {
            (lhs.agent, lhs.specialty, lhs.outcome) < (rhs.agent, rhs.specialty, rhs.outcome)
        }
    }

    /// Label for a task with no specialty or agent yet.
    static let none = "none"

    /// A task waited `seconds` for its dispatch.
    mutating func dispatched(specialty: String?, waitedSeconds seconds: Double) {
        queueWait[specialty ?? Self.none, default: DurationHistogram(bounds: DurationHistogram.queueWaitBounds)]
            .observe(seconds: seconds)
    }

    /// An attempt ended; `ranSeconds` is nil when it never ran (cancelled in its queue).
    mutating func attemptEnded(agent: String?, specialty: String?, outcome: String, ranSeconds: Double?) {
        let specialty = specialty ?? Self.none
        outcomes[OutcomeKey(agent: agent ?? Self.none, specialty: specialty, outcome: outcome), default: 0] += 1
        if let ranSeconds {
            runTime[specialty, default: DurationHistogram(bounds: DurationHistogram.runTimeBounds)].observe(seconds: ranSeconds)
        }
    }

    /// A runner reported what an attempt cost.
    mutating func spent(_ costUSD: Double?, specialty: String?) {
        guard let costUSD, costUSD.isFinite, costUSD > 0 else { return }
        costBySpecialty[specialty ?? Self.none, default: 0] += costUSD
    }
}
