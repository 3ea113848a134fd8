@testable import Bridge
import Foundation
import Wire

/// The agent calls of `FakeCluster`, answered from its agent list and tasks as the broker
/// would: a pause marks the agent, a drain with running tasks reports `draining`.
extension FakeCluster {
    func agent(named name: String) async throws -> AgentDetail? {
        try await checkAgentCall()
        return detail(of: name)
    }

    func pauseAgent(_ name: String, drain: Bool) async throws -> AgentDetail? {
        try await checkAgentCall()
        guard var status = agentList.first(where: { $0.name.lowercased() == name.lowercased() }) else { return nil }
        status.pause = drain && !status.runningTasks.isEmpty ? .draining : .paused
        setAgent(status)
        return detail(of: name)
    }

    func resumeAgent(_ name: String) async throws -> AgentDetail? {
        try await checkAgentCall()
        guard var status = agentList.first(where: { $0.name.lowercased() == name.lowercased() }) else { return nil }
        status.pause = .running
        setAgent(status)
        return detail(of: name)
    }

    private func detail(of name: String) -> AgentDetail? {
        guard let status = agentList.first(where: { $0.name.lowercased() == name.lowercased() }) else { return nil }
        let mine = tasks.values.map(\.task).filter { $0.agent == status.name }
        return AgentDetail(
            status: status,
            running: mine.filter { !$0.state.isTerminal }.sorted { $0.id < $1.id },
            recent: Array(mine.filter(\.state.isTerminal).sorted { $0.updatedAt > $1.updatedAt }.prefix(AgentDetail.recentLimit)),
            totalCostUSD: mine.compactMap(\.totalCostUSD).reduce(0, +))
    }

    private func checkAgentCall() async throws {
        if case .unavailable(let reason) = failure { throw ClusterAPIError.brokerUnavailable(reason: reason) }
    }
}
