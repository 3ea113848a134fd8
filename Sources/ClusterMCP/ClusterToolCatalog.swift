import MCP
import Wire

/// The definitions `tools/list` answers: each tool's description (written for a model:
/// what it does, when to use it, what comes back) and its JSON Schema.
public enum ClusterToolCatalog {
    /// Every tool, in the order a model should consider them.
    public static let tools: [Tool] = ClusterToolName.allCases.map(definition)

    /// The longest `wait_for_task` and `ask_agent` wait, in seconds.
    public static let longestWaitSeconds: Double = 3600

    static func definition(_ name: ClusterToolName) -> Tool {
        switch name {
        case .submitTask:
            Tool(
                name: name.rawValue, title: "Submit a task to the cluster",
                description: """
                Hand a piece of work to another Claude Code agent of the cluster. It runs in its own git \
                worktree and branch and usually ends with a pull request. Use it to split off work that \
                belongs to another specialty or can proceed independently of yours; do not use it for \
                questions (use ask_agent). Returns the task id and its state at once; follow it with \
                get_task or wait_for_task. Route it with `agent` (a name such as CC02), `specialty` \
                (frontend, backend, infra, ...) or `type`; with none, the cluster's routing rules decide.
                """,
                inputSchema: object(
                    properties: [
                        "title": string("One line naming the work; becomes the pull request title."),
                        "description": string("The full instructions for the agent; defaults to the title."),
                        "type": string("A task type such as frontend_development; routing rules read it."),
                        "specialty": string("The specialty that should do it, e.g. backend."),
                        "agent": string("A named agent that should do it, e.g. CC02."),
                        "priority": enumeration(TaskPriority.allCases.map(\.rawValue), "How urgent it is (default normal)."),
                        "repository": string("Repository path or clone URL; defaults to the agent's own."),
                        "requirements": strings("Acceptance criteria, one per item."),
                        "labels": strings("Labels; routing rules read them."),
                        "idempotency_key": string("Makes the call safe to repeat: the same key returns the same task."),
                    ],
                    required: ["title"]),
                annotations: .init(readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true))
        case .getTask:
            Tool(
                name: name.rawValue, title: "Read a task",
                description: """
                The current state of one task: state, agent, the last progress lines, and once it has \
                ended its result (summary, pull request link, error) and cost. Also lists the sub-tasks \
                it spawned. Use it to check on a task without waiting.
                """,
                inputSchema: object(
                    properties: [
                        "task_id": string("The task id submit_task or list_tasks gave."),
                        "progress_lines": integer("How many of the latest progress lines to include (default 10)."),
                    ],
                    required: ["task_id"]),
                annotations: .init(readOnlyHint: true, openWorldHint: true))
        case .waitForTask:
            Tool(
                name: name.rawValue, title: "Wait for a task to end",
                description: """
                Wait until a task ends (succeeded, failed, timed out, cancelled) or `timeout_seconds` \
                pass, sending progress notifications while it runs; then return it as get_task does. A \
                task still running at the deadline is returned with its current state, not as an error: \
                call again to keep waiting.
                """,
                inputSchema: object(
                    properties: [
                        "task_id": string("The task to wait for."),
                        "timeout_seconds": number("How long to wait at most (default 600, at most 3600)."),
                    ],
                    required: ["task_id"]),
                annotations: .init(readOnlyHint: true, openWorldHint: true))
        case .listTasks:
            Tool(
                name: name.rawValue, title: "List tasks",
                description: """
                The cluster's tasks, newest first, one line each (id, state, agent, title). Filter by \
                state, agent or source; page with the returned cursor.
                """,
                inputSchema: object(
                    properties: [
                        "states": .object([
                            "type": "array",
                            "items": enumeration(TaskState.allCases.map(\.rawValue), "A task state."),
                            "description": "Only tasks in one of these states.",
                        ]),
                        "agent": string("Only tasks of this agent."),
                        "source": enumeration(TaskSource.allCases.map(\.rawValue), "Only tasks from this source."),
                        "limit": integer("At most this many (default 20)."),
                        "cursor": string("The cursor of the previous page."),
                    ],
                    required: []),
                annotations: .init(readOnlyHint: true, openWorldHint: true))
        case .cancelTask:
            Tool(
                name: name.rawValue, title: "Cancel a task",
                description: """
                Cancel a task that has not ended: a queued task is never run, a running one is stopped. \
                Returns the task's state afterwards. Cancelling a task that already ended is an error \
                that says how it ended.
                """,
                inputSchema: object(
                    properties: ["task_id": string("The task to cancel.")],
                    required: ["task_id"]),
                annotations: .init(readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true))
        case .listAgents:
            Tool(
                name: name.rawValue, title: "List agents",
                description: """
                The cluster's agents: name, specialty, state (healthy, busy, offline), running tasks, \
                capacity, and whether an operator paused or drained it (a paused agent gets no new work; \
                tasks for it wait). Use it to find which specialty or agent to ask or hand work to.
                """,
                inputSchema: object(properties: [:], required: []),
                annotations: .init(readOnlyHint: true, openWorldHint: true))
        case .askAgent:
            Tool(
                name: name.rawValue, title: "Ask another agent",
                description: """
                Ask an agent of another specialty a question and wait for its answer, e.g. which API \
                endpoint to call, how a module is meant to be used, what a config value should be. The \
                other agent answers from its own repository and knowledge without changing files. Give \
                `specialty` (frontend, backend, infra, ...) or `agent` (a name such as CC02; the question \
                goes to that agent's specialty). Answers can take minutes; progress notifications are \
                sent while waiting. Use submit_task instead when you need work done, not an answer.
                """,
                inputSchema: object(
                    properties: [
                        "question": string("The question, self-contained."),
                        "specialty": string("The specialty to ask, e.g. backend."),
                        "agent": string("An agent to ask by name, e.g. CC02."),
                        "context": string("What you are working on: code, errors, the task."),
                        "timeout_seconds": number("How long to wait for the answer (default 600, at most 3600)."),
                    ],
                    required: ["question"]),
                annotations: .init(readOnlyHint: true, openWorldHint: true))
        case .broadcast:
            Tool(
                name: name.rawValue, title: "Broadcast to agents",
                description: """
                Send a short message to every agent, to the agents of some specialties, or to named \
                agents (e.g. "the API changed: sessions now need a CSRF token"). Agents get it as an \
                event; nobody answers. Returns how many agents it reached.
                """,
                inputSchema: object(
                    properties: [
                        "message": string("The message."),
                        "specialties": strings("Only agents of these specialties."),
                        "agents": strings("Only these agents, by name."),
                    ],
                    required: ["message"]),
                annotations: .init(readOnlyHint: false, destructiveHint: false, openWorldHint: true))
        }
    }

    private static func object(properties: [String: Value], required: [String]) -> Value {
        .object([
            "type": "object",
            "properties": .object(properties),
            "required": .array(required.map { .string($0) }),
            "additionalProperties": false,
        ])
    }

    private static func string(_ description: String) -> Value {
        .object(["type": "string", "description": .string(description)])
    }

    private static func integer(_ description: String) -> Value {
        .object(["type": "integer", "minimum": 1, "description": .string(description)])
    }

    private static func number(_ description: String) -> Value {
        .object(["type": "number", "exclusiveMinimum": 0, "description": .string(description)])
    }

    private static func strings(_ description: String) -> Value {
        .object(["type": "array", "items": .object(["type": "string"]), "description": .string(description)])
    }

    private static func enumeration(_ values: [String], _ description: String) -> Value {
        .object(["type": "string", "enum": .array(values.map { .string($0) }), "description": .string(description)])
    }
}
