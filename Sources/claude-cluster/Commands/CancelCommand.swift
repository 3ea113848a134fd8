import ArgumentParser
import Wire

/// `claude-cluster cancel ID`: cancels a task; a running one is stopped on its agent.
struct CancelCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "cancel", abstract: "Cancel a task.")

    @Argument(help: "The task id.") var id: String
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await connection.withClient { client in
            guard let record = try await client.cancel(id: id) else { throw CommandFailure.noTask(id) }
            if output.json { printJSON(record) } else { print("task \(record.id) \(record.state.rawValue)") }
        }
    }
}
