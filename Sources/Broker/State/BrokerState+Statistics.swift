import Foundation
import Wire

extension BrokerState {
    /// Counts an attempt's outcome for its agent and specialty, and its run time when it
    /// was dispatched (a task cancelled in its queue never ran).
    mutating func noteAttemptEnded(_ record: TaskRecord, outcome: TaskResult.Outcome, now: BrokerTime) {
        let ran = record.startedAt.map { now.wall.timeIntervalSince($0) }
        statistics.attemptEnded(agent: record.agent, specialty: record.specialty, outcome: outcome.rawValue, ranSeconds: ran)
    }
}
