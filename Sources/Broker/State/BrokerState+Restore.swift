import Foundation
import Wire

extension BrokerState {
    /// Takes back the journal's unfinished tasks at start.
    ///
    /// Queued tasks, and retrying ones whose time has come, go back into their queues
    /// (oldest first). Assigned and running tasks wait for the recovery grace: an agent
    /// that registers again and lists one in its `AgentLoad.runningTaskIDs` (or sends its
    /// progress) keeps it; one that delivers its FINAL decides it; after the grace it is
    /// queued again. Deliveries before the restart are not journaled: each restored task
    /// counts its attempts as deliveries. `continuations` (``TaskJournal/continuation(of:)``)
    /// say where each task's next attempt picks up.
    mutating func restore(
        _ unfinished: [TaskRecord], continuations: [String: TaskContinuation] = [:], now: BrokerTime
    ) -> [BrokerAction] {
        var actions: [BrokerAction] = []
        var keys: [String] = []
        var queued = 0, waitingForRetry = 0, recovering = 0
        let ordered = unfinished.sorted { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }
        for record in ordered where !record.state.isTerminal && tasks[record.id] == nil {
            let route = restoredRoute(of: record)
            let settled: Int
            switch record.state {
            case .retrying: settled = record.attempts
            case .queued where record.attempts == 0: settled = 0
            default: settled = record.attempts - 1
            }
            var task = TrackedTask(record: record, specJSON: JSONWire.encodeBytes(record.spec), route: route, placement: .queued(ticket: 0), settledAttempt: max(settled, 0))
            task.deliveries = record.attempts
            task.continuation = continuations[record.id]
            switch record.state {
            case .assigned, .running:
                let until = now.uptime + configuration.effectiveRecoveryGrace
                task.placement = .recovering(until: until)
                tasks.insert(task)
                timers.insert(.taskRecovery(taskID: record.id), at: until)
                recovering += 1
            case .retrying where (record.notBefore ?? now.wall) > now.wall:
                let wait = Duration.clampedSeconds((record.notBefore ?? now.wall).timeIntervalSince(now.wall))
                task.placement = .backoff(until: now.uptime + wait)
                tasks.insert(task)
                timers.insert(.taskRetry(taskID: record.id), at: now.uptime + wait)
                waitingForRetry += 1
            default:
                tasks.insert(task)
                tasks.enqueue(record.id, atFront: false)
                if !keys.contains(route.key) { keys.append(route.key) }
                queued += 1
            }
        }
        actions.append(.log(.info, "restored \(queued + waitingForRetry + recovering) unfinished tasks: \(queued) queued, "
            + "\(waitingForRetry) waiting to retry, \(recovering) waiting \(configuration.effectiveRecoveryGrace) for their agents"))
        for key in keys { drainTasks(key: key, now: now, into: &actions) }
        return actions
    }

    /// A restored task waits where it waited before: its target, else its specialty,
    /// else wherever the rules send it now.
    private func restoredRoute(of record: TaskRecord) -> TaskRoute {
        if let target = record.spec.target?.trimmingCharacters(in: .whitespaces), !target.isEmpty {
            return TaskRoute(key: target.lowercased(), reason: .specialty, specialty: record.specialty)
        }
        if let specialty = record.specialty, !specialty.isEmpty {
            return TaskRoute(key: specialty.lowercased(), reason: .rule, specialty: specialty)
        }
        return rules.route(record.spec, isAgent: { _ in false }, isSpecialty: { _ in false })
    }
}
