import Foundation
import Wire

/// A task as the tools show it: what a model needs to decide its next step, without the
/// runner's transcript (which can run to megabytes).
struct TaskSummary: Encodable, Sendable {
    struct SubTask: Encodable, Sendable {
        var id: String
        var state: String
        var agent: String?
        var title: String
    }

    struct Progress: Encodable, Sendable {
        var at: Date
        var kind: String
        var message: String
    }

    var id: String
    var title: String
    var state: String
    var agent: String?
    var specialty: String?
    var attempts: Int
    var spawnedBy: String?
    var summary: String?
    var pullRequestURL: String?
    var branch: String?
    var error: String?
    var costUSD: Double?
    var progress: [Progress]?
    var subTasks: [SubTask]?

    init(_ task: TaskRecord, progress: [ProgressUpdate]? = nil, subTasks: [TaskRecord]? = nil) {
        id = task.id
        title = task.spec.title
        state = task.state.rawValue
        agent = task.agent
        specialty = task.specialty
        attempts = task.attempts
        spawnedBy = task.spec.spawnedBy
        summary = task.result.map(\.summary).flatMap { $0.isEmpty ? nil : $0 }
        pullRequestURL = task.result?.pullRequestURL
        branch = task.result?.branch
        error = task.result?.error ?? task.error
        costUSD = task.totalCostUSD
        self.progress = progress?.map { Progress(at: $0.at, kind: $0.kind.rawValue, message: $0.message) }
        self.subTasks = subTasks?.map { SubTask(id: $0.id, state: $0.state.rawValue, agent: $0.agent, title: $0.spec.title) }
    }

    enum CodingKeys: String, CodingKey {
        case id, title, state, agent, specialty, attempts
        case spawnedBy = "spawned_by"
        case summary
        case pullRequestURL = "pull_request_url"
        case branch, error
        case costUSD = "cost_usd"
        case progress
        case subTasks = "sub_tasks"
    }

    /// The task in a few lines of text.
    var text: String {
        var lines = ["Task \(id) is \(state)\(agent.map { " on \($0)" } ?? "")\(specialty.map { " (\($0))" } ?? ""): \(title)"]
        if let spawnedBy { lines.append("Spawned by task \(spawnedBy).") }
        if let summary { lines.append("Result: \(summary)") }
        if let pullRequestURL { lines.append("Pull request: \(pullRequestURL)") }
        if let branch { lines.append("Branch: \(branch)") }
        if let error { lines.append("Error: \(error)") }
        if let costUSD { lines.append(String(format: "Cost: $%.4f over %d attempt(s)", costUSD, attempts)) }
        if let progress, !progress.isEmpty {
            lines.append("Latest progress:")
            lines += progress.map { "- [\($0.kind)] \($0.message.prefix(300))" }
        }
        if let subTasks, !subTasks.isEmpty {
            lines.append("Sub-tasks:")
            lines += subTasks.map { "- \($0.id) \($0.state)\($0.agent.map { " on \($0)" } ?? ""): \($0.title)" }
        }
        return lines.joined(separator: "\n")
    }
}
