import ArgumentParser
import Foundation
import Wire

/// `claude-cluster submit`: hands the cluster a task built from flags.
struct SubmitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit",
        abstract: "Submit a task; with --wait, follow it to the end.")

    @Option(help: "One line naming the work (the PR title).") var title: String
    @Option(help: "The task type, e.g. frontend_development; used by routing rules.") var type = "general"
    @Option(help: "The full instructions; defaults to the title.") var prompt: String?
    @Option(help: "Read the full instructions from a file ('-' for standard input), for prompts too long for one argument.")
    var promptFile: String?
    @Option(help: "An agent name (CC01) or a specialty (backend).") var target: String?
    @Option(name: .customLong("label"), help: "A label (repeatable); labels take part in routing.") var labels: [String] = []
    @Option(name: .customLong("requirement"), help: "An acceptance criterion (repeatable).") var requirements: [String] = []
    @Option(help: "low, normal, high or urgent.") var priority: TaskPriority = .normal
    @Option(help: "Repository path or clone URL; defaults to the agent's.") var repository: String?
    @Option(help: "Makes the submission safe to repeat: the same key is the same task.") var idempotencyKey: String?
    @Option(name: .customLong("follow-up"), help: ArgumentHelp(
        "A task this one follows up: it continues that task's branch and pull request, on its agent when it can.",
        valueName: "task-id")) var followUp: String?
    @Flag(help: "Follow the task's progress until it finishes; exit 5 unless it succeeds.") var wait = false
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if prompt != nil, promptFile != nil { throw ValidationError("give --prompt or --prompt-file, not both") }
    }

    func run() async throws {
        var description = prompt ?? title
        if let promptFile {
            try await runReporting { description = try Self.read(promptFile) }
        }
        let spec = TaskSpec(
            title: title, description: description, type: type, priority: priority,
            requirements: requirements, labels: labels, target: target, repository: repository,
            source: .cli, idempotencyKey: idempotencyKey ?? UUID().uuidString.lowercased(), parent: followUp)
        try await submitAndReport(spec, connection: connection, json: output.json, wait: wait)
    }
}

extension SubmitCommand {
    /// The text of `path`, or of standard input for `-`.
    static func read(_ path: String) throws -> String {
        let data: Data
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let contents = FileManager.default.contents(atPath: path) else {
                throw CommandFailure("cannot read the prompt file \(path)", code: .usage)
            }
            data = contents
        }
        return String(decoding: data, as: UTF8.self)
    }
}

extension TaskPriority: ExpressibleByArgument {}

/// Submits `spec` and prints the id, or follows the task when `wait` is set.
func submitAndReport(_ spec: TaskSpec, connection: ConnectionOptions, json: Bool, wait: Bool) async throws {
    var status = ExitStatus.success
    try await runReporting {
        if let problem = spec.sizeProblem { throw CommandFailure(problem, code: .usage) }
        let client = try connection.makeClient()
        defer { client.close() }
        let record = try await client.submit(spec)
        guard wait else {
            if json { printJSON(record) } else { print(record.id) }
            return
        }
        if !json { print("task \(record.id) \(record.state.rawValue)\(record.specialty.map { " for \($0)" } ?? "")") }
        let final = try await TaskFollower(client: client, json: json).follow(record.id, initial: record)
        status = reportOutcome(final, json: json)
    }
    if status != .success { throw ExitCode(status.rawValue) }
}
