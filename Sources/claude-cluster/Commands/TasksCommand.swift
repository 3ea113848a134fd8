import ArgumentParser
import Wire

/// `claude-cluster tasks`: lists tasks, newest first.
struct TasksCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "tasks", abstract: "List tasks, newest first.")

    @Option(name: .customLong("state"), help: "Only tasks in this state (repeatable): queued, running, succeeded, ...") var states: [TaskState] = []
    @Option(help: "Only tasks of this agent.") var agent: String?
    @Option(help: "Only tasks from this source: api, cli, github, agent.") var source: TaskSource?
    @Option(help: "How many tasks to show.") var limit = 20
    @Option(help: "Continue after this cursor (printed at the end of a full page).") var cursor: String?
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await connection.withClient { client in
            let page = try await client.listTasks(TaskListQuery(
                states: states.isEmpty ? nil : states, agent: agent, source: source, limit: limit, cursor: cursor))
            if output.json {
                printJSON(page)
                return
            }
            var table = TextTable(header: ["ID", "STATE", "AGENT", "TYPE", "CREATED", "COST", "TITLE"])
            for task in page.tasks {
                table.rows.append([
                    task.id, task.state.rawValue, task.agent ?? "-", task.spec.type,
                    Describe.timestamp(task.createdAt), Describe.cost(task.totalCostUSD), String(task.spec.title.prefix(60)),
                ])
            }
            print(page.tasks.isEmpty ? "no tasks" : table.render())
            if let next = page.nextCursor { print("more: --cursor \(next)") }
        }
    }
}

extension TaskState: ExpressibleByArgument {}
extension TaskSource: ExpressibleByArgument {}
