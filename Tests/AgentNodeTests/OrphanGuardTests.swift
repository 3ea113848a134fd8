import Foundation
import TestSupport
import Testing
import Wire
@testable import AgentNode

#if canImport(Glibc)
import Glibc
#endif

/// What keeps a runner from outliving its agent, piece by piece: the choice of leftover
/// groups to stop, stopping them at start, and the broker's say before a push.
@Suite struct OrphanGuardTests {
    static func stat(_ pid: Int32, group: Int32, started: UInt64, state: Character = "S") -> ProcessStat {
        ProcessStat(statLine: "\(pid) (bash) \(state) 1 \(group) 0 0 0 0 0 0 0 0 0 0 0 0 20 0 1 0 \(started) 1000 10")!
    }

    static func record(_ pid: Int32, started: UInt64) -> RunRecord {
        RunRecord(pid: pid, startTicks: started, taskID: "T-\(pid)", attempt: 1, worktree: "/w")
    }

    @Test func leftoverGroupsAreStoppedOnlyWhileTheyAreTheRecordedRun() {
        let table = ProcessTable(processes: [
            Self.stat(100, group: 100, started: 5),  // the recorded leader, still running
            Self.stat(101, group: 100, started: 6),
            Self.stat(201, group: 200, started: 9),  // the leader is gone; its child lives on
            Self.stat(300, group: 300, started: 77),  // pid 300 reused by a newer process
            Self.stat(401, group: 400, started: 3, state: "Z"),  // only a zombie is left
        ])
        let records = [
            Self.record(100, started: 5), Self.record(200, started: 8), Self.record(300, started: 12),
            Self.record(400, started: 2), Self.record(500, started: 1),
        ]
        #expect(RunRecord.groupsToStop(records, in: table) == [100, 200])
    }

    @Test func startStopsARecordedGroupAndForgetsItsRecord() async throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let folder = RunRecordFolder(directory: temp.path("runs"))
        // A process group of its own that ignores SIGTERM, as a stubborn runner would.
        let pidFile = temp.path("pid")
        let leader = Process()
        leader.executableURL = URL(fileURLWithPath: "/usr/bin/setsid")
        leader.arguments = ["bash", "-c", "trap '' TERM; echo $$ > \(pidFile.path); sleep 600 & wait"]
        try leader.run()
        let appeared = await TestEnvironment.eventually { (try? String(contentsOf: pidFile, encoding: .utf8)).flatMap { Int32($0.trimmingWhitespace()) } != nil }
        #expect(appeared)
        let pid = try #require(Int32(try String(contentsOf: pidFile, encoding: .utf8).trimmingWhitespace()))
        try folder.write(pid: pid, taskID: "T-1", attempt: 2, worktree: temp.path("w"))
        #expect(folder.all().records.map(\.taskID) == ["T-1"])

        let stopped = await folder.stopLeftovers(grace: .milliseconds(200))
        #expect(stopped.map(\.pid) == [pid])
        #expect(!ProcessGroupReaper.hasLiveMembers(pid))
        #expect(folder.all().records.isEmpty)
        leader.waitUntilExit()
    }

    @Test func theBrokersRecordSaysWhetherTheAttemptIsStillThisAgents() {
        let spec = TaskSpec(title: "t", description: "d")
        let running = TaskRecord(id: "T", spec: spec, state: .running, attempts: 2, agent: "CC01", createdAt: Date())
        #expect(TaskHold.judge(running, agent: "CC01", attempt: 2) == .held)
        #expect(TaskHold.judge(running, agent: "CC02", attempt: 2) == .lost("the broker gave the task to CC01"))
        #expect(TaskHold.judge(running, agent: "CC01", attempt: 1) == .lost("the broker has moved the task on to attempt 2"))
        var queued = running
        queued.state = .queued
        #expect(TaskHold.judge(queued, agent: "CC01", attempt: 2) == .lost("the task is queued at the broker"))
        #expect(TaskHold.judge(nil, agent: "CC01", attempt: 2) == .lost("the broker no longer knows the task"))
    }

    @Test func anAttemptTheBrokerGaveAwayIsNeverPushed() async throws {
        let harness = try await ExecutorHarness()
        defer { harness.temp.remove() }
        let executor = try TaskExecutor(
            settings: harness.settings, logger: quietLogger(), holdCheck: { _, _ in .lost("the broker gave the task to CC02") })
        try await executor.prepare()
        let result = await executor.execute(ExecutorHarness.assignment()) { _ in }
        #expect(result.outcome == .failed)
        #expect(result.error == "not pushed: the broker gave the task to CC02")
        #expect(try await harness.originBranches() == ["main"])
        #expect(!FileManager.default.fileExists(atPath: harness.ghLog.path), "a pull request was opened")
    }

    @Test func aBrokerThatCannotBeAskedDoesNotStopThePush() async throws {
        let harness = try await ExecutorHarness()
        defer { harness.temp.remove() }
        let executor = try TaskExecutor(
            settings: harness.settings, logger: quietLogger(), holdCheck: { _, _ in .unknown("timed out") })
        try await executor.prepare()
        let result = await executor.execute(ExecutorHarness.assignment()) { _ in }
        #expect(result.outcome == .succeeded, "\(result.error ?? "")")
        #expect(try await harness.originBranches().contains("cc01/task-42"))
    }
}
