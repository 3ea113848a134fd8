import Foundation
import Synchronization
import MCP
import Wire

/// Carries out the cluster's tools over a `ClusterClient`, as `caller`.
///
/// Every outcome is a `CallTool.Result`: a failure (bad arguments, an unknown task, a
/// broker that does not answer) is a tool error whose text tells the model what to do,
/// never a protocol error or a crash.
public struct ClusterToolbox: Sendable {
    public let client: ClusterClient
    public let caller: ToolCaller

    /// Creates a toolbox that calls the cluster through `client` as `caller`.
    public init(client: ClusterClient, caller: ToolCaller) {
        self.client = client
        self.caller = caller
    }

    /// Runs tool `name` with `arguments`, reporting long waits to `progress`.
    public func call(_ name: String, arguments: [String: Value]?, progress: ToolProgress = .silent) async -> CallTool.Result {
        let request: ClusterToolRequest
        do {
            request = try ClusterToolRequest.parse(tool: name, arguments: arguments, caller: caller)
        } catch {
            return ToolReply.failure("\(name) was called with unusable arguments: \(error.message)")
        }
        do {
            return try await run(request, progress: progress)
        } catch let error as BusClientError {
            return ToolReply.failure(error)
        } catch is CancellationError {
            return ToolReply.failure("\(name) was cancelled before it finished.")
        } catch {
            return ToolReply.failure("\(name) failed: \(error)")
        }
    }

    private func run(_ request: ClusterToolRequest, progress: ToolProgress) async throws -> CallTool.Result {
        switch request {
        case .submit(let spec):
            let record = try await client.submit(spec)
            let summary = TaskSummary(record)
            return ToolReply.success(
                "Submitted task \(record.id) (\(record.state.rawValue)\(record.specialty.map { ", for \($0)" } ?? "")). "
                    + "Check it with get_task or wait_for_task.", summary)
        case .get(let id, let lines):
            guard let detail = try await client.task(id: id) else { return unknownTask(id) }
            let summary = TaskSummary(detail.task, progress: Array(detail.progress.suffix(lines)), subTasks: try await client.subTasks(of: id))
            return ToolReply.success(summary.text, summary)
        case .wait(let id, let limit):
            return try await wait(for: id, limit: limit, progress: progress)
        case .list(let query):
            let page = try await client.listTasks(query)
            let summaries = page.tasks.map { TaskSummary($0) }
            var lines = page.tasks.isEmpty ? ["No tasks match."] : page.tasks.map {
                "\($0.id) \($0.state.rawValue)\($0.agent.map { " on \($0)" } ?? ""): \($0.spec.title)"
            }
            if let cursor = page.nextCursor { lines.append("More: call list_tasks with cursor \"\(cursor)\".") }
            return ToolReply.success(lines.joined(separator: "\n"), TaskList(tasks: summaries, nextCursor: page.nextCursor))
        case .cancel(let id):
            switch await cancelling(id) {
            case .success(let record?):
                return ToolReply.success("Task \(id) is \(record.state.rawValue).", TaskSummary(record))
            case .success(nil):
                return unknownTask(id)
            case .failure(.service(let error)) where error.code == .conflict:
                return ToolReply.failure("Task \(id) cannot be cancelled: \(error.message). Use get_task to see how it ended.")
            case .failure(let error):
                throw error
            }
        case .listAgents:
            let agents = try await client.agents()
            let lines = agents.isEmpty ? ["No agents are connected."] : agents.map { agent in
                "\(agent.name): \(agent.specialties.joined(separator: ", ")), \(agent.state.rawValue), "
                    + "\(agent.runningTasks.count)/\(agent.capacity) tasks"
                    + (agent.paused ? ", \(agent.pause.rawValue) by an operator (gets no new work)" : "")
            }
            return ToolReply.success(lines.joined(separator: "\n"), AgentList(agents: agents))
        case .ask(let question, let specialty, let agent, let context, let limit):
            return try await ask(question, specialty: specialty, agent: agent, context: context, limit: limit, progress: progress)
        case .broadcast(let message, let target):
            let count = try await client.broadcast(Broadcast(message: message, from: caller.name, target: target, sentAt: Date()))
            return ToolReply.success("Broadcast sent to \(count) agent(s).", BroadcastReceipt(recipients: count))
        }
    }

    private func wait(for id: String, limit: Duration, progress: ToolProgress) async throws -> CallTool.Result {
        guard let detail = try await client.task(id: id) else { return unknownTask(id) }
        let steps = StepCounter()
        let final = try await client.follow(id, initial: detail.task, limit: limit) { event in
            switch event.payload {
            case .taskProgress(let update): await progress(steps.next(), "[\(update.kind.rawValue)] \(update.message.prefix(200))")
            case .taskState(let record, _): await progress(steps.next(), "state: \(record.state.rawValue)")
            case .alert, .brokerHeartbeat: break
            }
        }
        let latest = try await client.task(id: id)
        let summary = TaskSummary(
            final, progress: latest.map { Array($0.progress.suffix(10)) }, subTasks: try await client.subTasks(of: id))
        let note = final.state.isTerminal ? "" : "\nStill \(final.state.rawValue) after \(limit); call wait_for_task again to keep waiting."
        return ToolReply.success(summary.text + note, summary)
    }

    private func ask(
        _ question: String, specialty: String?, agent: String?, context: String?, limit: Duration, progress: ToolProgress
    ) async throws -> CallTool.Result {
        var service = specialty
        if let agent {
            let agents = try await client.agents()
            guard let known = agents.first(where: { $0.name.caseInsensitiveCompare(agent) == .orderedSame }) else {
                let names = agents.map(\.name).joined(separator: ", ")
                return ToolReply.failure("There is no agent \"\(agent)\"\(names.isEmpty ? "" : "; the agents are \(names)"). Ask by `specialty` instead, or check list_agents.")
            }
            service = specialty ?? known.specialty
        }
        guard let service else { return ToolReply.failure("Say whom to ask: `specialty` or `agent`.") }
        let request = HelpRequest(
            id: UUID().uuidString.lowercased(), from: caller.name, specialty: service, question: question,
            context: context, taskID: caller.taskID)
        await progress(0, "asking \(agent ?? service)")
        // The answer can take minutes: a heartbeat of progress keeps the caller informed (and
        // clients that reset their timeout on progress waiting).
        let heartbeat = Task {
            var step = 1.0
            while !Task.isCancelled {
                try await Task.sleep(for: .seconds(15))
                await progress(step, "still waiting for \(service)'s answer")
                step += 1
            }
        }
        defer { heartbeat.cancel() }
        switch await asking(request, limit: limit) {
        case .success(let answer) where answer.ok:
            return ToolReply.success(answer.answer, answer)
        case .success(let answer):
            return ToolReply.failure("\(answer.from) could not answer: \(answer.answer)")
        case .failure(.noAgent(let specialty)):
            return ToolReply.failure("No agent serves \"\(specialty)\" right now. Check list_agents for the specialties that are online, or submit_task to queue the work until one is.")
        case .failure(.bus(.timedOut)):
            return ToolReply.failure("No answer from \(service) within \(limit). The agent may be busy: ask again with a longer timeout_seconds, or carry on without the answer.")
        case .failure(.bus(let error)):
            return ToolReply.failure(error)
        }
    }

    // Results rather than typed catch clauses: Swift 6.3's SIL verifier crashes on a
    // `catch .case(let value) where …` of a typed throw in these async functions.
    private func cancelling(_ id: String) async -> Result<TaskRecord?, BusClientError> {
        do {
            return .success(try await client.cancel(id: id))
        } catch {
            return .failure(error)
        }
    }

    private func asking(_ request: HelpRequest, limit: Duration) async -> Result<HelpAnswer, ClusterClient.AskFailure> {
        do {
            return .success(try await client.ask(request, timeout: limit))
        } catch {
            return .failure(error)
        }
    }

    private func unknownTask(_ id: String) -> CallTool.Result {
        ToolReply.failure("There is no task \"\(id)\". Check the id; list_tasks shows the cluster's tasks.")
    }
}

/// Counts progress steps for one call, across the tasks that report them.
private final class StepCounter: Sendable {
    private let count = Mutex(0.0)

    func next() -> Double {
        count.withLock { value in
            value += 1
            return value
        }
    }
}

private struct TaskList: Encodable {
    var tasks: [TaskSummary]
    var nextCursor: String?

    enum CodingKeys: String, CodingKey {
        case tasks
        case nextCursor = "next_cursor"
    }
}

private struct AgentList: Encodable {
    var agents: [AgentStatus]
}
