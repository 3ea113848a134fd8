import Foundation
import Testing
import Wire

/// The bodies behind the console's routes: an agent's pause and detail, the history, and
/// the retry decision.
@Suite struct ConsoleBodyTests {
    @Test func aStatusWithoutPauseReadsAsRunningAndPausedIsAlwaysWritten() throws {
        let old = #"{"name":"CC01","specialty":"backend","specialties":["backend"],"state":"healthy","running_tasks":[],"capacity":1,"cluster_agent":true}"#
        let status = try JSONWire.decode(AgentStatus.self, from: Array(old.utf8))
        #expect(status.pause == .running && !status.paused)

        var draining = status
        draining.pause = .draining
        let text = String(decoding: JSONWire.encodeBytes(draining), as: UTF8.self)
        #expect(text.contains(#""pause":"draining""#) && text.contains(#""paused":true"#))
        #expect(try JSONWire.decode(AgentStatus.self, from: JSONWire.encodeBytes(draining)) == draining)
    }

    @Test func anAgentDetailWritesFlatFieldsWithNullsAndReadsBack() throws {
        let status = AgentStatus(name: "CC02", specialty: "backend", state: .busy, runningTasks: ["t-1"], capacity: 2, pause: .paused)
        let task = TaskRecord(id: "t-1", spec: TaskSpec(title: "t", description: "d"), state: .running, agent: "CC02",
                              createdAt: Date(timeIntervalSince1970: 1_750_000_000))
        let detail = AgentDetail(status: status, running: [task], recent: [], totalCostUSD: 1.5)
        let bytes = JSONWire.encodeBytes(detail)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        #expect(object["name"] as? String == "CC02" && object["pause"] as? String == "paused" && object["paused"] as? Bool == true)
        #expect(object["capacity"] as? Int == 2 && object["total_cost_usd"] as? Double == 1.5)
        #expect(object["limited_until"] is NSNull && object["load"] is NSNull)
        #expect(try JSONWire.decode(AgentDetail.self, from: bytes) == detail)
    }

    @Test func aPauseRequestMayLeaveOutDrain() throws {
        #expect(try JSONWire.decode(AgentPauseRequest.self, from: Array(#"{"agent":"CC01"}"#.utf8)) == AgentPauseRequest(agent: "CC01"))
        let drain = AgentPauseRequest(agent: "CC01", drain: true)
        #expect(try JSONWire.decode(AgentPauseRequest.self, from: JSONWire.encodeBytes(drain)) == drain)
        let reference = TaskReference(taskID: "t-1")
        #expect(String(decoding: JSONWire.encodeBytes(reference), as: UTF8.self) == #"{"task_id":"t-1"}"#)
    }

    @Test func historyQueriesAreClamped() {
        #expect(TaskHistoryQuery(minutes: 0).clampedMinutes == 1)
        #expect(TaskHistoryQuery(minutes: 100_000).clampedMinutes == TaskHistoryQuery.maximumMinutes)
        #expect(TaskHistoryQuery().clampedMinutes == 60)
    }

    @Test(arguments: TaskState.allCases)
    func onlyTasksThatEndedWithoutSuccessAreRetried(state: TaskState) throws {
        var record = TaskRecord(id: "t-1", spec: TaskSpec(title: "t", description: "d", idempotencyKey: "old", metadata: ["a": "b"],
                                                          parent: "p-1"),
                                state: state, createdAt: Date(timeIntervalSince1970: 0))
        record.agent = "CC01"
        guard state.isTerminal, state != .succeeded else {
            #expect(throws: TaskRetry.Refusal.self) { try TaskRetry.spec(retrying: record, idempotencyKey: "new") }
            #expect(!TaskRetry.canRetry(state))
            return
        }
        #expect(TaskRetry.canRetry(state))
        let spec = try TaskRetry.spec(retrying: record, idempotencyKey: "new")
        #expect(spec.idempotencyKey == "new" && spec.parent == "p-1" && spec.metadata == ["a": "b", "retry_of": "t-1"])
        #expect(spec.title == "t" && spec.description == "d")
    }
}
