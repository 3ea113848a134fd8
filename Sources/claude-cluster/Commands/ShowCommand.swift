import ArgumentParser
import Wire

/// `claude-cluster show ID`: one task, its progress, and optionally its transcript.
struct ShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one task.")

    @Argument(help: "The task id.") var id: String
    @Flag(help: "Print the runner's full transcript.") var log = false
    @Option(help: "With --log: the transcript of this attempt (the first is 1) rather than the last.") var attempt: Int?
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await connection.withClient { client in
            if log || attempt != nil {
                guard let transcript = try await client.log(id: id, attempt: attempt) else {
                    throw attempt.map { CommandFailure("no task \(id), or it has no transcript of attempt \($0)", code: .notFound) }
                        ?? CommandFailure.noTask(id)
                }
                if output.json { printJSON(transcript) } else { print(transcript.text, terminator: transcript.text.hasSuffix("\n") ? "" : "\n") }
                return
            }
            guard let detail = try await client.task(id: id) else { throw CommandFailure.noTask(id) }
            if output.json {
                printJSON(detail)
                return
            }
            let task = detail.task
            print("""
            id:        \(task.id)
            title:     \(task.spec.title)
            state:     \(task.state.rawValue) (attempt \(task.attempts) of \(task.maxAttempts))
            type:      \(task.spec.type)  priority: \(task.spec.priority.rawValue)
            agent:     \(task.agent ?? "-")  specialty: \(task.specialty ?? "-")
            source:    \(task.spec.source.rawValue)
            cost:      \(Describe.cost(task.totalCostUSD)) over \(task.attempts) attempt(s), tokens \(Describe.tokens(task.totalUsage))
            created:   \(Describe.timestamp(task.createdAt))
            finished:  \(Describe.timestamp(task.finishedAt))
            """)
            if let parent = task.spec.parent { print("follows up: \(parent)  (claude-cluster show \(parent))") }
            if let spawner = task.spec.spawnedBy { print("sub-task of: \(spawner)  (claude-cluster show \(spawner))") }
            if let result = task.result {
                if let session = result.sessionID { print("session:   \(session)  model: \(result.model ?? "-")") }
                if let branch = result.branch { print("branch:    \(branch)") }
            }
            if let result = task.result {
                print("summary:   \(result.summary)")
                if let url = result.pullRequestURL { print("pull request: \(url)") }
                if let error = result.error { print("error:     \(error)") }
            } else if let error = task.error {
                print("error:     \(error)")
            }
            if let attempts = detail.attempts, !attempts.isEmpty {
                print("attempts:")
                for attempt in attempts {
                    let duration = attempt.durationMs.map { String(format: "%.0fs", Double($0) / 1000) } ?? "-"
                    print("  \(attempt.attempt) \(attempt.outcome.rawValue) on \(attempt.agent ?? "-"): "
                        + "\(Describe.cost(attempt.costUSD)), \(Describe.tokens(attempt.usage)), "
                        + "\(attempt.turns.map { "\($0) turns" } ?? "- turns"), \(duration), model \(attempt.model ?? "-"), "
                        + "session \(attempt.sessionID ?? "-")")
                }
            }
            let subTasks = try await client.subTasks(of: task.id)
            if !subTasks.isEmpty {
                print("sub-tasks:")
                for sub in subTasks {
                    print("  \(sub.id) \(sub.state.rawValue) on \(sub.agent ?? "-"): \(sub.spec.title)")
                }
            }
            if !detail.progress.isEmpty {
                print("progress:")
                for update in detail.progress.suffix(20) {
                    print("  \(Describe.timestamp(update.at)) [\(update.kind.rawValue)] \(update.message.prefix(140))")
                }
            }
        }
    }
}
