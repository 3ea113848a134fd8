@testable import ClusterMCP
import MCP
import Testing
import Wire

/// How a model's arguments become cluster requests: pure, no broker.
@Suite struct ClusterToolRequestTests {
    let agent = ToolCaller.agent("CC01", taskID: "t-parent")

    func parse(_ tool: String, _ arguments: [String: Value], caller: ToolCaller? = nil) throws(ToolInputError) -> ClusterToolRequest {
        try ClusterToolRequest.parse(tool: tool, arguments: arguments, caller: caller ?? agent, newKey: { "key-1" })
    }

    func inputError(_ tool: String, _ arguments: [String: Value]) -> String? {
        do {
            _ = try parse(tool, arguments)
            return nil
        } catch {
            return error.message
        }
    }

    @Test func anAgentsSubmissionIsASubTaskNotAFollowUp() throws {
        let request = try parse("submit_task", [
            "title": "Add the login endpoint", "specialty": "backend", "priority": "HIGH",
            "requirements": ["returns 201", "rate limited"], "labels": "api",
        ])
        guard case .submit(let spec) = request else {
            Issue.record("expected a submission, got \(request)")
            return
        }
        #expect(spec.title == "Add the login endpoint")
        #expect(spec.description == "Add the login endpoint")
        #expect(spec.target == "backend")
        #expect(spec.priority == .high)
        #expect(spec.requirements == ["returns 201", "rate limited"])
        #expect(spec.labels == ["api"])
        #expect(spec.source == .agent)
        #expect(spec.spawnedBy == "t-parent")
        #expect(spec.metadata[TaskSpec.submittedByKey] == "CC01")
        // A sub-task runs on its own branch: it must not be a follow-up of its parent.
        #expect(spec.parent == nil)
        #expect(spec.idempotencyKey == "key-1")
    }

    @Test func aPersonsSubmissionHasNoSpawner() throws {
        guard case .submit(let spec) = try parse(
            "submit_task", ["title": "Fix the footer", "agent": "CC02", "idempotency_key": "mine"], caller: .person)
        else {
            Issue.record("expected a submission")
            return
        }
        #expect(spec.spawnedBy == nil)
        #expect(spec.source == .cli)
        #expect(spec.target == "CC02")
        #expect(spec.idempotencyKey == "mine")
    }

    @Test func badArgumentsSayWhatToSend() {
        #expect(inputError("submit_task", [:])?.contains("`title` is required") == true)
        #expect(inputError("submit_task", ["title": "  "])?.contains("`title` is required") == true)
        #expect(inputError("submit_task", ["title": "x", "agent": "CC02", "specialty": "backend"])?.contains("not both") == true)
        #expect(inputError("submit_task", ["title": "x", "priority": "asap"])?.contains("low, normal, high, urgent") == true)
        #expect(inputError("submit_task", ["title": 42])?.contains("must be a string") == true)
        #expect(inputError("get_task", [:])?.contains("`task_id` is required") == true)
        #expect(inputError("wait_for_task", ["task_id": "t", "timeout_seconds": -5])?.contains("positive number") == true)
        #expect(inputError("ask_agent", ["question": "why?"])?.contains("`specialty`") == true)
        #expect(inputError("list_tasks", ["states": ["running", "sleeping"]])?.contains("\"sleeping\"") == true)
        #expect(inputError("broadcast", ["message": "hi", "agents": ["CC01"], "specialties": ["backend"]])?.contains("not both") == true)
        #expect(inputError("make_coffee", [:])?.contains("there is no tool \"make_coffee\"") == true)
    }

    @Test func waitsAreBoundedAndDefaulted() throws {
        #expect(try parse("wait_for_task", ["task_id": "t"]) == .wait(taskID: "t", limit: .seconds(600)))
        #expect(try parse("wait_for_task", ["task_id": "t", "timeout_seconds": 2.5]) == .wait(taskID: "t", limit: .milliseconds(2500)))
        #expect(try parse("wait_for_task", ["task_id": "t", "timeout_seconds": 99999]) == .wait(taskID: "t", limit: .seconds(3600)))
        #expect(try parse("ask_agent", ["agent": "CC02", "question": "port?", "timeout_seconds": 30])
            == .ask(question: "port?", specialty: nil, agent: "CC02", context: nil, limit: .seconds(30)))
    }

    @Test func listsAndBroadcastsReadTheirFilters() throws {
        #expect(try parse("list_tasks", ["states": ["running", "timed_out"], "agent": "CC02", "limit": 5000])
            == .list(TaskListQuery(states: [.running, .timedOut], agent: "CC02", limit: 200)))
        #expect(try parse("list_tasks", [:]) == .list(TaskListQuery(limit: 20)))
        #expect(try parse("broadcast", ["message": "deploy freeze"]) == .broadcast(message: "deploy freeze", target: .all))
        #expect(try parse("broadcast", ["message": "m", "specialties": ["frontend"]])
            == .broadcast(message: "m", target: .specialties(["frontend"])))
        #expect(try parse("list_agents", [:]) == .listAgents)
        #expect(try parse("cancel_task", ["task_id": "t-9"]) == .cancel(taskID: "t-9"))
    }

    @Test func everyToolIsListedWithARequiredSubsetOfItsProperties() throws {
        #expect(ClusterToolCatalog.tools.map(\.name) == ClusterToolName.allCases.map(\.rawValue))
        for tool in ClusterToolCatalog.tools {
            let schema = try #require(tool.inputSchema.objectValue)
            #expect(schema["type"] == "object")
            let properties = try #require(schema["properties"]?.objectValue, "\(tool.name)")
            let required = schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? []
            #expect(required.allSatisfy { properties[$0] != nil }, "\(tool.name) requires what it does not describe")
            #expect((tool.description ?? "").count > 80, "\(tool.name) needs a description a model can act on")
        }
    }
}
