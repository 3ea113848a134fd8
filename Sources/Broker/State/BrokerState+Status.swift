import Foundation
import Wire

extension BrokerState {
    /// Every registered worker, then the agents that left recently (offline), by name.
    func agentStatuses() -> [AgentStatus] {
        let live = registry.workers.values.map { worker in
            var status = worker.status(runningTasks: worker.tasks.keys.sorted(), limit: accountLimits[worker.accountKey])
            status.costUSD = spending.cost(ofAgent: worker.name)
            if worker.paused { status.pause = pauseState(ofAgent: worker.name.lowercased(), inFlight: worker.inFlight) }
            return status
        }
        let liveNames = Set(live.map { $0.name.lowercased() })
        let departed = registry.departed.values.map(\.status).filter { !liveNames.contains($0.name.lowercased()) }
            .map { status in
                var status = status
                status.costUSD = spending.cost(ofAgent: status.name)
                status.pause = pauseState(ofAgent: status.name.lowercased(), inFlight: 0)
                return status
            }
        return (live + departed).sorted { ($0.name.lowercased(), $0.name) < ($1.name.lowercased(), $1.name) }
    }

    /// The `mmi.info` reply.
    func info(now: BrokerTime) -> RouterInfo {
        let agents = registry.workers.values.filter(\.isClusterAgent).count
        return RouterInfo(
            version: configuration.version,
            startedAt: now.wall.addingTimeInterval(-now.uptime.seconds),
            uptimeSeconds: now.uptime.seconds,
            routerEndpoints: configuration.routerEndpoints,
            publisherEndpoints: configuration.publisherEndpoints,
            agents: agents,
            plainWorkers: registry.count - agents,
            tasksByState: tasks.countsByState,
            requestsInFlight: requestsWaiting + requestsHeld,
            invalidMessages: counters.invalidMessages)
    }

    /// The figures `mmi.metrics` reports.
    func metrics(now: BrokerTime) -> BrokerMetrics {
        let agents = registry.workers.values.filter(\.isClusterAgent).count
        return BrokerMetrics(
            counters: counters, tasksByState: tasks.countsByState, agents: agents,
            plainWorkers: registry.count - agents, requestsWaiting: requestsWaiting,
            requestsInFlight: requestsHeld, uptimeSeconds: now.uptime.seconds, spending: spending,
            usageLimitedAccounts: accountLimits.count,
            usageLimitedAgents: registry.workers.values.filter(\.usageLimited).count,
            agentsOverResourceLimit: registry.workers.values.filter(\.overLimit).count,
            agentsPaused: agentPauses.count,
            statistics: statistics)
    }

    private var requestsWaiting: Int { waiting.values.reduce(0) { $0 + $1.count } }
    private var requestsHeld: Int { registry.workers.values.reduce(0) { $0 + $1.requests.count } }
}
