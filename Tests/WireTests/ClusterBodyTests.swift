import Foundation
import Testing
import Wire

@Suite("Cluster bodies: JSON on the wire")
struct ClusterBodyTests {
    func roundTrip<Body: Codable & Hashable>(_ value: Body, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let frame = JSONWire.encode(value)
        let decoded = try JSONWire.decode(Body.self, from: frame)
        #expect(decoded == value, sourceLocation: sourceLocation)
        #expect(JSONWire.encode(decoded) == frame, sourceLocation: sourceLocation)
    }

    func json(_ frame: Frame) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(frame.bytes)) as? [String: Any])
    }

    @Test("every body round-trips")
    func everyBodyRoundTrips() throws {
        try roundTrip(ClusterFixtures.spec)
        try roundTrip(ClusterFixtures.record)
        try roundTrip(ClusterFixtures.progress)
        try roundTrip(TaskCompletion(taskID: "t-1", attempt: 1, agent: "CC01", result: ClusterFixtures.result))
        try roundTrip(TaskAssignment(taskID: "t-1", attempt: 2, spec: ClusterFixtures.spec, timeoutSeconds: 900))
        try roundTrip(TaskCancellation(taskID: "t-1", attempt: 2, reason: "cancelled by ops"))
        try roundTrip(ClusterFixtures.info)
        try roundTrip(ClusterFixtures.load)
        try roundTrip(ClusterFixtures.status)
        for broadcast in ClusterFixtures.broadcasts { try roundTrip(broadcast) }
        try roundTrip(ClusterFixtures.help)
        try roundTrip(ClusterFixtures.answer)
        for event in ClusterFixtures.events { try roundTrip(event) }
        try roundTrip(ClusterFixtures.routerInfo)
        try roundTrip(TaskListQuery(states: [.queued, .running], agent: "CC01", source: .cli, limit: 10, cursor: "50"))
        try roundTrip(TaskPage(tasks: [ClusterFixtures.record], nextCursor: "1"))
        try roundTrip(TaskDetail(task: ClusterFixtures.record, progress: [ClusterFixtures.progress]))
        try roundTrip(TaskDetail(task: ClusterFixtures.record, attempts: [TaskAttempt(
            attempt: 1, agent: "CC01", outcome: .failed, costUSD: 0.25, usage: TokenUsage(inputTokens: 10, outputTokens: 2),
            turns: 3, durationMs: 1200, model: "claude-test", sessionID: "s1", branch: "cc01/t-1",
            endedAt: Date(timeIntervalSince1970: 1_700_000_000.5))]))
        try roundTrip(TaskLog(taskID: "t-1", text: "line 1\nline 2"))
        try roundTrip(BroadcastReceipt(recipients: 3))
        try roundTrip(BusRequest(id: "r-1", payload: ClusterFixtures.spec))
        try roundTrip(BusReply<TaskRecord>.success(id: "r-1", ClusterFixtures.record))
        try roundTrip(BusReply<TaskRecord>.failure(id: "r-1", BusError(.notFound, "no task t-9")))
        try roundTrip(BusReply<[AgentStatus]>.success(id: "r-2", [ClusterFixtures.status]))
        try roundTrip(BusReply<String>.success(id: "r-3", "# TYPE x counter\nx 1\n"))
    }

    @Test("the original cluster's task JSON decodes as a TaskSpec")
    func originalTaskJSON() throws {
        let original = """
            {"type":"frontend_development","priority":"normal","title":"Create login page",\
            "description":"Build a React login page with form validation","requirements":["React","TypeScript"]}
            """
        let spec = try JSONWire.decode(TaskSpec.self, from: Frame(original))
        #expect(spec.type == "frontend_development")
        #expect(spec.priority == .normal)
        #expect(spec.title == "Create login page")
        #expect(spec.requirements == ["React", "TypeScript"])
        #expect(spec.source == .api)
        #expect(spec.labels.isEmpty)
    }

    @Test("keys are snake_case and dates ISO-8601 with milliseconds")
    func keyAndDateFormat() throws {
        let object = try json(JSONWire.encode(ClusterFixtures.load))
        #expect(Set(object.keys) == ["v", "running_task_ids", "cpu_percent", "rss_bytes", "over_cpu_limit", "over_memory_limit"])
        let event = try json(JSONWire.encode(ClusterFixtures.events[2]))
        #expect(event["at"] as? String == "2025-01-31T12:00:00.250Z")
        #expect(event["kind"] as? String == "task.progress")
        #expect(event["v"] as? Int == 1)
        let text = try #require(JSONWire.encode(ClusterFixtures.broadcasts[1]).string)
        #expect(text == #"{"from":"CC02","message":"Use Tailwind","sent_at":"2025-01-31T12:00:00.250Z","target":{"kind":"specialties","names":["frontend"]},"v":1}"#)
    }

    @Test("dates without fractional seconds or with an offset are accepted")
    func lenientDates() throws {
        let frame = Frame(#"{"v":1,"task_id":"t","attempt":1,"sequence":1,"kind":"text","message":"m","at":"2025-01-31T14:00:00+02:00"}"#)
        let update = try JSONWire.decode(ProgressUpdate.self, from: frame)
        #expect(update.at == Date(timeIntervalSince1970: 1_738_324_800))
        #expect(JSONWire.parseDate("2025-01-31T12:00:00.2504Z") == ClusterFixtures.date)
        #expect(JSONWire.parseDate("yesterday") == nil)
        #expect(JSONWire.formatDate(Date(timeIntervalSince1970: 0.0006)) == "1970-01-01T00:00:00.001Z")
    }

    @Test("non-finite numbers travel as strings")
    func nonFiniteNumbers() throws {
        let load = AgentLoad(cpuPercent: .infinity)
        let decoded = try JSONWire.decode(AgentLoad.self, from: JSONWire.encode(load))
        #expect(decoded.cpuPercent == .infinity)
        let nan = try JSONWire.decode(AgentLoad.self, from: JSONWire.encode(AgentLoad(cpuPercent: .nan)))
        #expect(nan.cpuPercent.isNaN)
    }

    @Test("a bus request for a service without payload may leave it out")
    func emptyPayload() throws {
        let request = try JSONWire.decode(BusRequest<EmptyPayload>.self, from: Frame(#"{"v":1,"id":"a"}"#))
        #expect(request == BusRequest(id: "a"))
        #expect(JSONWire.encode(BusRequest(id: "a")).string == #"{"id":"a","payload":{},"v":1}"#)
        #expect(throws: BodyDecodingError.missingField(type: "BusRequest<TaskSpec>", path: "payload")) {
            try JSONWire.decode(BusRequest<TaskSpec>.self, from: Frame(#"{"v":1,"id":"a"}"#))
        }
    }

    @Test("a reply is either a result or an error")
    func replyShape() throws {
        let failure = BusReply<TaskRecord>.failure(id: "r", BusError(.conflict, "task t-1 already finished"))
        #expect(JSONWire.encode(failure).string
            == #"{"error":{"code":"conflict","message":"task t-1 already finished"},"id":"r","ok":false,"v":1}"#)
        #expect(throws: BusError(.conflict, "task t-1 already finished")) { try failure.get() }
        #expect(!failure.ok)
        let unknownCode = try JSONWire.decode(
            BusReply<String>.self, from: Frame(#"{"v":1,"id":"r","ok":false,"error":{"code":"rate_limited","message":"slow down"}}"#))
        #expect(throws: BusError(BusErrorCode(rawValue: "rate_limited"), "slow down")) { try unknownCode.get() }
        #expect(throws: BodyDecodingError.missingField(type: "BusReply<String>", path: "result")) {
            try JSONWire.decode(BusReply<String>.self, from: Frame(#"{"v":1,"id":"r","ok":true}"#))
        }
    }

    @Test("a request header is readable when its payload is not")
    func requestHeader() throws {
        let frame = Frame(#"{"v":1,"id":"r-9","payload":{"nonsense":true}}"#)
        #expect(throws: BodyDecodingError.self) { try ClusterService.TaskSubmit.decodeRequest([frame]) }
        #expect(try JSONWire.decode(BusRequestHeader.self, from: frame).id == "r-9")
    }

    @Test("bus calls build the MDP commands on both sides")
    func busCalls() throws {
        let command = ClusterService.TaskGet.request(id: "r-1", payload: TaskReference(taskID: "t-1"))
        #expect(command.service == "mmi.task.get")
        let request = try ClusterService.TaskGet.decodeRequest(command.body)
        #expect(request.payload.taskID == "t-1")
        let reply = ClusterService.TaskGet.reply(.success(id: request.id, TaskDetail(task: ClusterFixtures.record)))
        guard case .final(let service, let body) = reply else {
            Issue.record("a reply is a FINAL")
            return
        }
        #expect(service == "mmi.task.get")
        #expect(try ClusterService.TaskGet.decodeReply(body).get().task == ClusterFixtures.record)
        #expect(throws: BodyDecodingError.empty(type: "BusReply")) { try ClusterService.TaskGet.decodeReply([]) }
    }
}
