import Foundation
import MCP
import Wire

/// One tool call, read and checked: what the toolbox is to ask the cluster. Pure, so every
/// reading of a model's arguments is tested without a broker.
public enum ClusterToolRequest: Sendable, Hashable {
    case submit(TaskSpec)
    case get(taskID: String, progressLines: Int)
    case wait(taskID: String, limit: Duration)
    case list(TaskListQuery)
    case cancel(taskID: String)
    case listAgents
    /// A question to `specialty`, or to `agent`'s specialty when an agent is named.
    case ask(question: String, specialty: String?, agent: String?, context: String?, limit: Duration)
    case broadcast(message: String, target: BroadcastTarget)

    /// The default `wait_for_task` and `ask_agent` wait.
    public static let defaultWait: Duration = .seconds(600)

    /// Reads a call of tool `name` with `arguments` made by `caller`. `newKey` makes an
    /// idempotency key when the caller gave none.
    public static func parse(
        tool name: String, arguments: [String: Value]?, caller: ToolCaller,
        newKey: () -> String = { UUID().uuidString.lowercased() }
    ) throws(ToolInputError) -> ClusterToolRequest {
        guard let tool = ClusterToolName(rawValue: name) else {
            let known = ClusterToolName.allCases.map(\.rawValue).joined(separator: ", ")
            throw ToolInputError("there is no tool \"\(name)\"; the cluster's tools are \(known)")
        }
        let arguments = ToolArguments(arguments)
        switch tool {
        case .submitTask:
            return .submit(try spec(arguments, caller: caller, newKey: newKey))
        case .getTask:
            return .get(taskID: try arguments.requiredString("task_id"), progressLines: try arguments.count("progress_lines") ?? 10)
        case .waitForTask:
            return .wait(taskID: try arguments.requiredString("task_id"), limit: try limit(arguments))
        case .listTasks:
            var states: [TaskState]?
            if arguments.values["states"] != nil {
                states = []
                for text in try arguments.strings("states") {
                    guard let state = TaskState(rawValue: text.lowercased()) else {
                        let allowed = TaskState.allCases.map(\.rawValue).joined(separator: ", ")
                        throw ToolInputError("`states` may hold \(allowed); got \"\(text)\"")
                    }
                    states?.append(state)
                }
                if states?.isEmpty == true { states = nil }
            }
            return .list(TaskListQuery(
                states: states, agent: try arguments.string("agent"), source: try arguments.choice("source", of: TaskSource.self),
                limit: min(try arguments.count("limit") ?? 20, 200), cursor: try arguments.string("cursor")))
        case .cancelTask:
            return .cancel(taskID: try arguments.requiredString("task_id"))
        case .listAgents:
            return .listAgents
        case .askAgent:
            let specialty = try arguments.string("specialty")
            let agent = try arguments.string("agent")
            guard specialty != nil || agent != nil else {
                throw ToolInputError("say whom to ask: `specialty` (e.g. backend) or `agent` (e.g. CC02); list_agents shows who is there")
            }
            return .ask(
                question: try arguments.requiredString("question"), specialty: specialty, agent: agent,
                context: try arguments.string("context"), limit: try limit(arguments))
        case .broadcast:
            let message = try arguments.requiredString("message")
            let specialties = try arguments.strings("specialties")
            let agents = try arguments.strings("agents")
            if !specialties.isEmpty, !agents.isEmpty {
                throw ToolInputError("give `specialties` or `agents`, not both (or neither, to reach every agent)")
            }
            let target: BroadcastTarget = !agents.isEmpty ? .agents(agents) : !specialties.isEmpty ? .specialties(specialties) : .all
            return .broadcast(message: message, target: target)
        }
    }

    private static func spec(_ arguments: ToolArguments, caller: ToolCaller, newKey: () -> String) throws(ToolInputError) -> TaskSpec {
        let title = try arguments.requiredString("title")
        let agent = try arguments.string("agent")
        let specialty = try arguments.string("specialty")
        if agent != nil, specialty != nil {
            throw ToolInputError("give `agent` or `specialty`, not both: an agent already has its specialty")
        }
        var metadata = [TaskSpec.submittedByKey: caller.name]
        if let parent = caller.taskID { metadata[TaskSpec.spawnedByKey] = parent }
        let spec = TaskSpec(
            title: title, description: try arguments.string("description") ?? title,
            type: try arguments.string("type") ?? "general",
            priority: try arguments.choice("priority", of: TaskPriority.self) ?? .normal,
            requirements: try arguments.strings("requirements"), labels: try arguments.strings("labels"),
            target: agent ?? specialty, repository: try arguments.string("repository"), source: caller.source,
            idempotencyKey: try arguments.string("idempotency_key") ?? newKey(), metadata: metadata)
        if let problem = spec.sizeProblem { throw ToolInputError(problem) }
        return spec
    }

    private static func limit(_ arguments: ToolArguments) throws(ToolInputError) -> Duration {
        guard let seconds = try arguments.seconds("timeout_seconds") else { return defaultWait }
        return .milliseconds(Int64(min(seconds, ClusterToolCatalog.longestWaitSeconds) * 1000))
    }
}
