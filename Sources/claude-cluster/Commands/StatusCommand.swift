import ArgumentParser
import Foundation
import Wire

/// `claude-cluster status`: the agents table and the broker's counters.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "Show the agents and the broker.")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    struct Report: Encodable {
        var broker: RouterInfo
        var agents: [AgentStatus]
    }

    func run() async throws {
        try await connection.withClient { client in
            async let info = client.info()
            async let agents = client.agents()
            let report = Report(broker: try await info, agents: try await agents)
            if output.json {
                printJSON(report)
                return
            }
            let queued = report.broker.tasksByState[TaskState.queued.rawValue, default: 0]
            let running = report.broker.tasksByState[TaskState.running.rawValue, default: 0]
            print("broker \(report.broker.version) up \(Int(report.broker.uptimeSeconds))s at \(report.broker.routerEndpoints.joined(separator: ", ")) - \(queued) queued, \(running) running")
            var table = TextTable(header: ["AGENT", "SPECIALTY", "STATE", "TASKS", "LAST HEARTBEAT", "CPU", "MEMORY", "COST", "NOTE"])
            for agent in report.agents.sorted(by: { $0.name < $1.name }) {
                table.rows.append([
                    agent.name,
                    agent.specialties.joined(separator: ","),
                    agent.paused ? "\(agent.state.rawValue),\(agent.pause.rawValue)" : agent.state.rawValue,
                    "\(agent.runningTasks.count)/\(agent.capacity)",
                    Describe.age(of: agent.lastHeartbeat),
                    agent.load.map { String(format: "%.0f%%", $0.cpuPercent) } ?? "-",
                    agent.load.map { Describe.bytes($0.rssBytes) } ?? "-",
                    Describe.cost(agent.costUSD),
                    Self.note(agent),
                ])
            }
            print(report.agents.isEmpty ? "no agents connected" : table.render())
        }
    }

    /// Why the agent gets no work, if it does not: its account's usage limit, or its
    /// runner's problem.
    static func note(_ agent: AgentStatus) -> String {
        var notes: [String] = []
        if let until = agent.limitedUntil {
            let account = agent.account.map { " (account \($0))" } ?? ""
            notes.append("limited until \(Describe.timestamp(until)) (\(agent.limitKind ?? "usage limit"))\(account)")
        }
        if let problem = agent.runnerProblem { notes.append(problem) }
        return notes.joined(separator: "; ")
    }
}
