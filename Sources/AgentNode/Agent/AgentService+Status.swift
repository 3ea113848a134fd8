import Foundation
import Wire

extension AgentService {
    /// The agent as its status port reports it (`GET /status`).
    public func status(now: Date = Date()) -> AgentStatusSnapshot {
        let facts = board.current
        let link = board.link?.reading ?? BrokerLink.Reading(registered: false, endpoint: bus.endpoints.first ?? "", lastContact: nil)
        let runningIDs = running.ids
        let limitedUntil = facts.limitedUntil.flatMap { $0 > now ? $0 : nil }
        let state = AgentStatusState.decide(.init(
            connected: link.registered, running: runningIDs.count, capacity: bus.maxConcurrentTasks,
            limitedUntil: limitedUntil, runnerProblem: facts.runnerProblem, now: now))
        return AgentStatusSnapshot(
            state: state, name: settings.name, specialty: settings.specialty, account: settings.account,
            version: ClusterVersion.current, runningTasks: runningIDs, capacity: bus.maxConcurrentTasks,
            cpuPercent: facts.cpuPercent, memoryBytes: facts.memoryBytes, connected: link.registered,
            broker: link.endpoint, lastBrokerContact: link.lastContact, limitedUntil: limitedUntil,
            limitKind: limitedUntil == nil ? nil : facts.usageLimit?.kind, runnerProblem: facts.runnerProblem)
    }
}
