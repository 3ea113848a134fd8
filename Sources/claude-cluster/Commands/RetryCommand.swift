import ArgumentParser
import Foundation
import Wire

/// `claude-cluster retry ID`: run a failed or cancelled task again, as a new task.
struct RetryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retry",
        abstract: "Run a failed, timed-out, cancelled or dead-lettered task again, as a new task.",
        discussion: """
        The new task has the old one's spec, metadata retry_of=ID and the same parent; the
        old task stays as it ended. A task that has not ended, or succeeded, is refused.
        """)

    @Argument(help: "The task id.") var id: String
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await connection.withClient { client in
            guard let old = try await client.task(id: id)?.task else { throw CommandFailure.noTask(id) }
            let spec: TaskSpec
            do {
                spec = try TaskRetry.spec(retrying: old, idempotencyKey: "retry:\(id):\(UUID().uuidString.lowercased())")
            } catch {
                throw CommandFailure(String(describing: error), code: .failure)
            }
            let record = try await client.submit(spec)
            if output.json { printJSON(record) } else { print("task \(record.id) retries \(id): \(record.state.rawValue)") }
        }
    }
}
