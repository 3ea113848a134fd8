import Foundation
import Testing
import Wire
@testable import AgentNode

@Suite("An agent's status: the state and the facts behind it")
struct AgentStatusTests {
    let now = Date(timeIntervalSince1970: 1_000_000)

    func facts(connected: Bool = true, running: Int = 0, capacity: Int = 2, limitedUntil: Date? = nil, problem: String? = nil) -> AgentStatusState.Facts {
        .init(connected: connected, running: running, capacity: capacity, limitedUntil: limitedUntil, runnerProblem: problem, now: now)
    }

    @Test("Offline, then limited, then unavailable, then busy at capacity, else healthy")
    func states() {
        #expect(AgentStatusState.decide(facts()) == .healthy)
        #expect(AgentStatusState.decide(facts(running: 1)) == .healthy)
        #expect(AgentStatusState.decide(facts(running: 2)) == .busy)
        #expect(AgentStatusState.decide(facts(running: 1, capacity: 0)) == .busy)
        #expect(AgentStatusState.decide(facts(problem: "claude is not installed")) == .unavailable)
        #expect(AgentStatusState.decide(facts(limitedUntil: now.addingTimeInterval(60), problem: "x")) == .limited)
        #expect(AgentStatusState.decide(facts(limitedUntil: now.addingTimeInterval(-1))) == .healthy)
        #expect(AgentStatusState.decide(facts(connected: false, running: 2, limitedUntil: now.addingTimeInterval(60))) == .offline)
    }

    @Test("A usage-limited result starts a pause until its reset; a later success ends it; a cancel changes nothing")
    func usageLimit() {
        let board = AgentStatusBoard()
        let reset = now.addingTimeInterval(1800)
        board.recordResult(TaskResult(outcome: .usageLimited, summary: "limit", usageLimit: UsageLimit(kind: "five_hour", resetsAt: reset)), now: now)
        #expect(board.current.limitedUntil == reset && board.current.usageLimit?.kind == "five_hour")
        board.recordResult(TaskResult(outcome: .cancelled, summary: "stopped"), now: now)
        #expect(board.current.limitedUntil == reset)
        board.recordResult(TaskResult(outcome: .succeeded, summary: "ok"), now: now)
        #expect(board.current.limitedUntil == nil && board.current.usageLimit == nil)
        // Without a reset time, the pause lasts the default hour.
        board.recordResult(TaskResult(outcome: .usageLimited, summary: "limit"), now: now)
        #expect(board.current.limitedUntil == now.addingTimeInterval(3600))
    }

    @Test("The snapshot encodes with the documented snake_case names")
    func encoding() throws {
        let snapshot = AgentStatusSnapshot(
            state: .busy, name: "CC01", specialty: "frontend", account: "team", version: "1.0", runningTasks: ["T-1"],
            capacity: 1, cpuPercent: 12.5, memoryBytes: 1024, connected: true, broker: "tcp://127.0.0.1:5555",
            lastBrokerContact: now, limitedUntil: nil, limitKind: nil, runnerProblem: nil)
        let object = try JSONSerialization.jsonObject(with: Data(JSONWire.encodeBytes(snapshot))) as? [String: Any]
        #expect(object?["state"] as? String == "busy")
        #expect(object?["running_tasks"] as? [String] == ["T-1"])
        #expect(object?["last_broker_contact"] as? String != nil)
        let keys = Set((object ?? [:]).keys)
        #expect(keys.isSuperset(of: ["name", "specialty", "capacity", "cpu_percent", "memory_bytes", "connected", "broker"]))
        #expect(try JSONWire.decode(AgentStatusSnapshot.self, from: JSONWire.encodeBytes(snapshot)) == snapshot)
    }
}
