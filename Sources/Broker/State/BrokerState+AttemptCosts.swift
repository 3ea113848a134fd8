import Foundation
import Wire

extension BrokerState {
    /// Books one finished attempt: adds its cost and tokens to the task's totals and to its
    /// agent's and account's spending, and journals the attempt with its runner session.
    ///
    /// Called once per attempt that ends with an agent's result; results the broker made up
    /// itself (cancelled before running, agent lost) carry no runner figures and book nothing.
    /// A usage-limited attempt is counted (`journalRow` false) but gets no row: its number
    /// is used again by the attempt that runs after the pause.
    mutating func bookAttempt(
        _ record: inout TaskRecord, result: TaskResult, attempt: Int, now: BrokerTime, journalRow: Bool = true,
        into actions: inout [BrokerAction]
    ) {
        guard let booked = AttemptRecord(
            taskID: record.id, attempt: attempt, agent: record.agent, result: result, endedAt: now.wall)
        else { return }
        record.totalCostUSD = Self.sum(record.totalCostUSD, result.costUSD)
        if let usage = result.usage {
            record.totalUsage = (record.totalUsage ?? TokenUsage()) + usage
        }
        statistics.spent(result.costUSD, specialty: record.specialty)
        if let agent = record.agent {
            spending.add(costUSD: result.costUSD, agent: agent, account: account(ofAgent: agent))
        }
        if journalRow { actions.append(.journal(.recordAttempt(booked))) }
    }

    /// The account an agent registered with, looked up among live workers by name.
    private func account(ofAgent agent: String) -> String? {
        registry.worker(named: agent)?.info?.account
    }

    private static func sum(_ total: Double?, _ cost: Double?) -> Double? {
        guard let cost, cost.isFinite else { return total }
        return (total ?? 0) + max(cost, 0)
    }
}
