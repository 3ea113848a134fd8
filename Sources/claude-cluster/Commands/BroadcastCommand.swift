import ArgumentParser
import Foundation
import Wire

/// `claude-cluster broadcast MESSAGE`: a message to every agent, a specialty, or named agents.
struct BroadcastCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "broadcast",
        abstract: "Send a message to agents (their on-agent-message hook).",
        discussion: "--to takes 'all' (the default), specialties, or agent names; names of connected agents are agents, anything else a specialty.")

    @Argument(help: "The message.") var message: String
    @Option(name: .customLong("to"), help: "all, a specialty, or an agent name (repeatable).") var targets: [String] = []
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await connection.withClient { client in
            var target = BroadcastTarget.all
            if !targets.isEmpty, targets != ["all"] {
                let known = Set(try await client.agents().map { $0.name.lowercased() })
                let agents = targets.filter { known.contains($0.lowercased()) }
                if agents.count == targets.count {
                    target = .agents(agents)
                } else if agents.isEmpty {
                    target = .specialties(targets)
                } else {
                    throw CommandFailure("--to mixes agent names and specialties; send one broadcast for each", code: .usage)
                }
            }
            let sender = "cli@" + ProcessInfo.processInfo.hostName
            let recipients = try await client.broadcast(Broadcast(message: message, from: sender, target: target, sentAt: Date()))
            if output.json { printJSON(BroadcastReceipt(recipients: recipients)) } else { print("sent to \(recipients) agent(s)") }
        }
    }
}
