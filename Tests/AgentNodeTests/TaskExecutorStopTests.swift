import Foundation
import TestSupport
import Testing
import Wire
@testable import AgentNode

@Suite("TaskExecutor: timeout and cancellation kill the runner's whole tree")
struct TaskExecutorStopTests {
    @Test func timeoutKillsRunnerAndItsChild() async throws {
        let harness = try await ExecutorHarness(mode: "hang")
        defer { harness.temp.remove() }
        let (result, _) = try await harness.run(ExecutorHarness.assignment(timeout: 1))
        #expect(result.outcome == .timedOut)
        #expect(result.error?.contains("timed out after 1 s") == true)
        let pids = try #require(harness.runnerPIDs())
        #expect(await TestEnvironment.eventually(timeout: .seconds(5)) { !pids.contains(where: isAlive) }, "still alive: \(pids.filter(isAlive))")
        #expect(FileSystem.children(of: harness.worktreesDirectory).isEmpty)
    }

    @Test func timeoutKillsARunnerThatIgnoresSIGTERM() async throws {
        let harness = try await ExecutorHarness(mode: "stubborn")
        defer { harness.temp.remove() }
        let (result, _) = try await harness.run(ExecutorHarness.assignment(timeout: 1))
        #expect(result.outcome == .timedOut)
        let pids = try #require(harness.runnerPIDs())
        #expect(await TestEnvironment.eventually(timeout: .seconds(5)) { !pids.contains(where: isAlive) }, "still alive: \(pids.filter(isAlive))")
    }

    @Test func cancellingTheTaskKillsRunnerAndItsChild() async throws {
        let harness = try await ExecutorHarness(mode: "hang")
        defer { harness.temp.remove() }
        let executor = try harness.executor()
        try await executor.prepare()
        let running = Task { await executor.execute(ExecutorHarness.assignment(timeout: 120)) { _ in } }
        #expect(await TestEnvironment.eventually { harness.runnerPIDs() != nil })
        let pids = try #require(harness.runnerPIDs())
        #expect(pids.allSatisfy(isAlive))
        running.cancel()
        let result = await running.value
        #expect(result.outcome == .cancelled)
        #expect(await TestEnvironment.eventually(timeout: .seconds(5)) { !pids.contains(where: isAlive) }, "still alive: \(pids.filter(isAlive))")
        #expect(FileSystem.children(of: harness.worktreesDirectory).isEmpty)
    }

    @Test func cancelledBeforeStartingRunsNothing() async throws {
        let harness = try await ExecutorHarness()
        defer { harness.temp.remove() }
        let executor = try harness.executor()
        let running = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return await executor.execute(ExecutorHarness.assignment()) { _ in }
        }
        let result = await running.value
        #expect(result.outcome == .cancelled)
        #expect(try harness.ghCalls().isEmpty)
    }
}
