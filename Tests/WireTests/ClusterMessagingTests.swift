import Foundation
import Testing
import Wire

@Suite("Cluster bodies: routing, topics and errors")
struct ClusterMessagingTests {
    @Test("an agent tells its REQUEST bodies apart by kind")
    func agentRequestKinds() throws {
        let assignment = TaskAssignment(taskID: "t-1", attempt: 1, spec: ClusterFixtures.spec, timeoutSeconds: 60)
        let cancel = TaskCancellation(taskID: "t-1")
        for request in [AgentRequest.assignment(assignment), .help(ClusterFixtures.help), .cancel(cancel)] {
            #expect(try AgentRequest(body: [request.body]) == request)
        }
        #expect(throws: BodyDecodingError.unexpectedKind(type: "AgentRequest", found: "task.dance", expected: AgentRequest.kinds)) {
            try AgentRequest(body: [Frame(#"{"v":1,"kind":"task.dance"}"#)])
        }
        #expect(throws: BodyDecodingError.empty(type: "AgentRequest")) { try AgentRequest(body: []) }
    }

    @Test("a cancel is a REQUEST on the reserved @control envelope")
    func cancelCommand() throws {
        let frames = MDPCodec.encode(.worker(TaskCancellation(taskID: "t-1", attempt: 2).command))
        #expect(frames[2] == "@control")
        #expect(frames[3] == .empty)
        #expect(frames[4].string == #"{"attempt":2,"kind":"task.cancel","task_id":"t-1","v":1}"#)
    }

    @Test("READY and HEARTBEAT carry AgentInfo and AgentLoad as one extension frame")
    func extensions() throws {
        let ready = MDPCodec.encode(.worker(.ready(service: "frontend", extensions: [JSONWire.encode(ClusterFixtures.info)])))
        guard case .worker(.ready(let service, let extensions)) = try MDPCodec.decode(ready).message else {
            Issue.record("expected READY")
            return
        }
        #expect(service == "frontend")
        #expect(try JSONWire.decode(AgentInfo.self, from: extensions[0]) == ClusterFixtures.info)
        let beat = MDPCodec.encode(.worker(.heartbeat(extensions: [JSONWire.encode(ClusterFixtures.load)])), framing: .delimited)
        guard case .worker(.heartbeat(let loads)) = try MDPCodec.decode(beat).message else {
            Issue.record("expected HEARTBEAT")
            return
        }
        #expect(try JSONWire.decode(AgentLoad.self, from: loads[0]) == ClusterFixtures.load)
    }

    @Test("topics are spelled as documented")
    func topics() {
        #expect(Topic.broadcastAll == "broadcast.all")
        #expect(Topic.specialty("frontend") == "broadcast.specialty.frontend")
        #expect(Topic.agent("CC01") == "broadcast.agent.CC01")
        #expect(Topic.task("t-1") == "task.t-1")
        #expect(Topic.heartbeat == "heartbeat")
        #expect(Topic.alert == "alert")
        #expect(ClusterFixtures.broadcasts.map(\.topics) == [
            ["broadcast.all"], ["broadcast.specialty.frontend"], ["broadcast.agent.CC01", "broadcast.agent.CC03"],
        ])
        #expect(ClusterFixtures.events.map(\.topic) == ["task.t-1", "task.t-2", "task.t-1", "alert", "heartbeat"])
        #expect(Topic.agentSubscriptions(name: "CC01", specialties: ["frontend"]) == [
            "broadcast.all", "heartbeat", "broadcast.specialty.frontend", "broadcast.agent.CC01",
        ])
    }

    @Test("a PUB message is a topic frame and a JSON frame")
    func publishedMessage() throws {
        let event = ClusterFixtures.events[3]
        let frames = event.published.frames
        #expect(frames.count == 2)
        #expect(frames[0] == "alert")
        let received = try #require(PublishedMessage(frames: frames))
        #expect(try JSONWire.decode(ClusterEvent.self, from: received.body) == event)
        #expect(PublishedMessage(frames: ["alert"]) == nil)
        #expect(PublishedMessage(frames: [.empty, "{}"]) == nil)
        #expect(PublishedMessage(frames: [Frame([0xFF]), "{}"]) == nil)
    }

    @Test("a body from a newer version is refused with a clear error")
    func versionCheck() {
        let newer = Frame(#"{"v":2,"name":"CC01","specialties":["x"],"capacity":1,"version":"9","host":"h","runner_available":true}"#)
        #expect(throws: BodyDecodingError.unsupportedVersion(type: "AgentInfo", found: 2, supported: 1)) {
            try JSONWire.decode(AgentInfo.self, from: newer)
        }
        #expect(throws: BodyDecodingError.unsupportedVersion(type: "BodyHeader", found: 0, supported: 1)) {
            try JSONWire.decode(BodyHeader.self, from: Frame(#"{"v":0,"kind":"x"}"#))
        }
    }

    @Test("decoding errors name the field and the problem", arguments: [
        (Frame(""), BodyDecodingError.empty(type: "AgentLoad")),
        (Frame("not json"), .malformed(type: "AgentLoad", detail: "")),
        (Frame(#"{"v":1}"#), .missingField(type: "AgentLoad", path: "running_task_ids")),
        (Frame(#"{"v":"1"}"#), .invalidValue(type: "AgentLoad", path: "v", detail: "")),
    ])
    func decodingErrors(_ frame: Frame, _ expected: BodyDecodingError) {
        do {
            _ = try JSONWire.decode(AgentLoad.self, from: frame)
            Issue.record("decoded \(frame)")
        } catch {
            switch (error, expected) {
            case (.malformed(let type, _), .malformed(let expectedType, _)),
                 (.invalidValue(let type, _, _), .invalidValue(let expectedType, _, _)):
                #expect(type == expectedType)
            default:
                #expect(error == expected)
            }
            #expect(error.description.contains("AgentLoad"))
        }
    }

    @Test("nested paths and bad enum values are reported")
    func nestedErrors() {
        let badTarget = Frame(#"{"v":1,"message":"m","from":"f","sent_at":"2025-01-31T12:00:00Z","target":{"kind":"everyone"}}"#)
        #expect(throws: BodyDecodingError.self) { try JSONWire.decode(Broadcast.self, from: badTarget) }
        do {
            _ = try JSONWire.decode(Broadcast.self, from: badTarget)
        } catch {
            #expect(error.description.contains("target.kind"))
            #expect(error.description.contains("everyone"))
        }
        let badDate = Frame(#"{"v":1,"message":"m","from":"f","sent_at":"soon","target":{"kind":"all"}}"#)
        do {
            _ = try JSONWire.decode(Broadcast.self, from: badDate)
            Issue.record("decoded a bad date")
        } catch {
            #expect(error.description.contains("sent_at"))
        }
    }

    @Test("alert severities order by urgency")
    func severities() {
        #expect(Alert.Severity.info < .warning)
        #expect(Alert.Severity.warning < .critical)
    }
}
