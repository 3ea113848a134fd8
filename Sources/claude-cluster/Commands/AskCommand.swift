import ArgumentParser
import ClusterRuntime
import Foundation
import Wire

/// `claude-cluster ask --to backend "question"`: asks another specialty for help.
///
/// Meant for the Claude session inside a task's worktree: the agent puts this program on
/// the runner's PATH with CLUSTER_AGENT, CLUSTER_TASK_ID and CLUSTER_BROKER set, and the
/// answer is printed on stdout.
struct AskCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ask", abstract: "Ask an agent of another specialty a question.")

    @Option(name: .customLong("to"), help: "The specialty (or agent service) to ask.") var specialty: String
    @Argument(help: "The question.") var question: String
    @Option(help: "Extra context for the answering agent.") var context: String?
    @Option(help: "Seconds to wait for the answer (default 600; 540 inside a task).") var wait: Double?
    @OptionGroup var connection: ConnectionOptions

    /// The seconds to wait: as asked, else 540 inside a task (CLUSTER_TASK_ID set), which
    /// ends with this command's own message before the Bash tool's longest timeout
    /// (600 s) kills it, else 600.
    static func waitSeconds(asked: Double?, environment: [String: String]) -> Double {
        if let asked, asked.isFinite, asked > 0 { return asked }
        return environment["CLUSTER_TASK_ID"] == nil ? 600 : 540
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let connection = connection.withRunnerBroker(environment)
        let id = UUID().uuidString.lowercased()
        let request = HelpRequest(
            id: id, from: environment["CLUSTER_AGENT"] ?? "cli", specialty: specialty, question: question,
            context: context, taskID: environment["CLUSTER_TASK_ID"])
        try await runReporting {
            let client = try connection.makeRunnerClient(environment)
            defer { client.close() }
            let answer: HelpAnswer
            do {
                answer = try await client.ask(
                    request, timeout: .milliseconds(Int(Self.waitSeconds(asked: wait, environment: environment) * 1000)))
            } catch let failure as ClusterClient.AskFailure {
                switch failure {
                case .noAgent: throw CommandFailure("no agent serves '\(specialty)' right now", code: .notFound)
                case .bus(let error): throw error
                }
            }
            print(answer.answer)
            if !answer.ok { throw CommandFailure("\(answer.from) could not answer", code: .failure) }
        }
    }
}
