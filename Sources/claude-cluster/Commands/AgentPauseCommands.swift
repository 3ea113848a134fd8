import ArgumentParser
import Wire

/// `claude-cluster agent-pause NAME [--drain]`: take an agent out of rotation.
struct AgentPauseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agent-pause",
        abstract: "Send an agent no new work; it finishes what it is running.",
        discussion: """
        The agent keeps its running tasks and gets no new ones, neither by specialty nor by
        its name: tasks addressed to it wait in its queue. The pause holds across the agent's
        reconnects and broker restarts until 'claude-cluster agent-resume NAME'. With --drain
        the agent is reported 'draining' until its running tasks have ended, then 'paused'.
        """)

    @Argument(help: "The agent's name (any case).") var name: String
    @Flag(help: "Report the agent as draining until its running tasks have ended.") var drain = false
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await connection.withClient { client in
            guard let detail = try await client.pauseAgent(name, drain: drain) else { throw CommandFailure.noAgent(name) }
            if output.json { printJSON(detail) } else { print(AgentPauseText.line(detail)) }
        }
    }
}

/// `claude-cluster agent-resume NAME`: put a paused or drained agent back into rotation.
struct AgentResumeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agent-resume", abstract: "Send a paused or drained agent work again.")

    @Argument(help: "The agent's name (any case).") var name: String
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await connection.withClient { client in
            guard let detail = try await client.resumeAgent(name) else { throw CommandFailure.noAgent(name) }
            if output.json { printJSON(detail) } else { print(AgentPauseText.line(detail)) }
        }
    }
}

/// The one line `agent-pause` and `agent-resume` print.
enum AgentPauseText {
    static func line(_ detail: AgentDetail) -> String {
        let running = detail.running.isEmpty ? "no running tasks"
            : "running \(detail.running.count): " + detail.running.map(\.id).joined(separator: ", ")
        switch detail.status.pause {
        case .running: return "agent \(detail.name) gets work (\(running))"
        case .draining: return "agent \(detail.name) is draining: no new work; \(running)"
        case .paused: return "agent \(detail.name) is paused: no new work; \(running)"
        }
    }
}
