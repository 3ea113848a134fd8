import ArgumentParser
import Foundation
import Wire

/// `claude-cluster task '<json>'`: the original cluster's task JSON, as it was.
struct TaskCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "task",
        abstract: "Submit a task written as JSON (type, priority, title, description, requirements, ...).",
        discussion: """
        Example: claude-cluster task '{"type":"frontend_development","priority":"normal",\
        "title":"Add a footer","description":"...","requirements":["responsive"]}'
        Use '-' to read the JSON from standard input.
        """)

    @Argument(help: "The task as JSON, or - for standard input.") var json: String
    @Flag(help: "Follow the task's progress until it finishes; exit 5 unless it succeeds.") var wait = false
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let text = json == "-" ? String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self) : json
        var spec: TaskSpec
        do {
            spec = try JSONWire.decode(TaskSpec.self, from: Array(text.utf8))
        } catch {
            printError("error: the task JSON is not valid: \(error)")
            throw ExitCode(ExitStatus.usage.rawValue)
        }
        if spec.source == .api { spec.source = .cli }
        if spec.idempotencyKey == nil { spec.idempotencyKey = UUID().uuidString.lowercased() }
        try await submitAndReport(spec, connection: connection, json: output.json, wait: wait)
    }
}
