import Foundation
import TestSupport
import Testing
import Wire
@testable import AgentNode

@Suite("TaskExecutor: one task from worktree to pull request")
struct TaskExecutorTests {
    @Test func fullTaskCommitsPushesAndOpensThePullRequest() async throws {
        let harness = try await ExecutorHarness()
        defer { harness.temp.remove() }
        let (result, updates) = try await harness.run()

        #expect(result.outcome == .succeeded, "\(result.error ?? "")")
        #expect(result.pullRequestURL == "https://github.com/example/project/pull/42")
        #expect(result.branch == "cc01/task-42")
        #expect(result.changedFiles)
        #expect(result.costUSD == 0)
        #expect(result.sessionID?.isEmpty == false)
        #expect(result.exitStatus == 0)
        #expect(result.transcript?.contains("\"type\":\"result\"") == true)

        // The branch reached origin with one commit carrying the title and the trailer.
        #expect(try await harness.originBranches().contains("cc01/task-42"))
        let message = try GitFixtures.git(["log", "-1", "--format=%B", "cc01/task-42"], in: harness.origin)
        #expect(message.hasPrefix("Add a health endpoint\n\nExpose GET /health returning 200."))
        let trailer = try GitFixtures.git(["log", "-1", "--format=%(trailers:key=Agent,valueonly)", "cc01/task-42"], in: harness.origin)
        #expect(trailer.trimmingCharacters(in: .whitespacesAndNewlines) == "CC01")
        let author = try GitFixtures.git(["log", "-1", "--format=%an <%ae>", "cc01/task-42"], in: harness.origin)
        #expect(author.trimmingCharacters(in: .whitespacesAndNewlines) == "Claude Code Cluster <cluster@localhost>")
        let files = try GitFixtures.git(["show", "--name-only", "--format=", "cc01/task-42"], in: harness.origin)
        #expect(files.contains("CHANGES-BY-AGENTS.md"))

        // gh was called once, in the worktree, with the title, branch, base and body sections.
        let calls = try harness.ghCalls()
        #expect(calls.count == 1)
        let call = try #require(calls.first)
        #expect(call.cwd == harness.worktreesDirectory.appendingPathComponent("TASK-42").path)
        #expect(call.value(of: "--title") == "Add a health endpoint")
        #expect(call.value(of: "--head") == "cc01/task-42")
        #expect(call.value(of: "--base") == "main")
        let body = try #require(call.value(of: "--body"))
        for section in ["## Changes", "## Task Information", "## Test Results"] {
            #expect(body.contains(section), "body lacks \(section)")
        }
        #expect(body.contains("CHANGES-BY-AGENTS.md"))
        #expect(body.contains("- Task ID: TASK-42"))
        #expect(body.contains("- Agent: CC01 (backend)"))
        #expect(body.contains("- Priority: high"))
        #expect(body.contains("- Issue: https://github.com/example/project/issues/7"))
        #expect(body.contains("No tests run: the sample runner"))

        // The worktree and the local branch are gone; the transcript log stays.
        #expect(!FileManager.default.fileExists(atPath: call.cwd))
        let clone = harness.settings.workspaceRoot.appendingPathComponent("repos/origin")
        let localBranches = try GitFixtures.git(["branch", "--list", "cc01/*"], in: clone)
        #expect(localBranches.isEmpty)
        let worktrees = try GitFixtures.git(["worktree", "list", "--porcelain"], in: clone)
        #expect(!worktrees.contains("TASK-42"))
        let log = try String(contentsOf: harness.settings.logsDirectory.appendingPathComponent("TASK-42.log"), encoding: .utf8)
        #expect(log.contains("\"subtype\":\"init\""))

        // Progress: numbered 1..n, the runner's stream and the agent's own steps.
        #expect(updates.map(\.sequence) == Array(1...updates.count))
        #expect(updates.allSatisfy { $0.taskID == "TASK-42" && $0.attempt == 1 })
        let kinds = Set(updates.map(\.kind))
        #expect(kinds.isSuperset(of: [.started, .text, .toolUse, .toolResult, .step]))
        #expect(updates.contains { $0.kind == .toolUse && $0.message.hasPrefix("Bash: ") })
        let steps = updates.filter { $0.kind == .step }.map(\.message)
        for word in ["worktree", "committed", "pushed", "opened pull request", "removed worktree"] {
            #expect(steps.contains { $0.contains(word) }, "no step mentions \(word)")
        }
    }

    @Test func passesThePromptOnStandardInputAndThePermissionModeAsAnArgument() async throws {
        var harness = try await ExecutorHarness(mode: "nochange")
        defer { harness.temp.remove() }
        let argsFile = harness.temp.path("args")
        let stdinFile = harness.temp.path("stdin")
        harness.settings.environment["FAKE_CLAUDE_ARGS"] = argsFile.path
        harness.settings.environment["FAKE_CLAUDE_STDIN"] = stdinFile.path
        _ = try await harness.run()
        let args = try String(contentsOf: argsFile, encoding: .utf8).split(separator: "\0").map(String.init)
        #expect(args == ["-p", "--output-format", "stream-json", "--verbose", "--permission-mode", "bypassPermissions"])
        let prompt = try String(contentsOf: stdinFile, encoding: .utf8)
        #expect(prompt.contains("Task: Add a health endpoint"))
    }

    @Test func noChangesMeansNoCommitAndNoPullRequest() async throws {
        let harness = try await ExecutorHarness(mode: "nochange")
        defer { harness.temp.remove() }
        let (result, updates) = try await harness.run()
        #expect(result.outcome == .succeeded)
        #expect(!result.changedFiles)
        #expect(result.pullRequestURL == nil)
        #expect(result.summary.contains("No changes were made"))
        #expect(result.costUSD == 0.01)
        #expect(try harness.ghCalls().isEmpty)
        #expect(try await harness.originBranches() == ["main"])
        #expect(updates.contains { $0.kind == .step && $0.message == "no changes to commit" })
        #expect(FileSystem.children(of: harness.worktreesDirectory).isEmpty)
    }

    @Test func pushFailureNamesThePushAndKeepsTheCommit() async throws {
        let harness = try await ExecutorHarness()
        defer { harness.temp.remove() }
        let hook = harness.origin.appendingPathComponent("hooks/pre-receive")
        try Data("#!/bin/sh\necho 'push rejected by test hook' >&2\nexit 1\n".utf8).write(to: hook)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hook.path)

        let (result, _) = try await harness.run()
        #expect(result.outcome == .failed)
        let error = try #require(result.error)
        #expect(error.hasPrefix("git push failed: `git push"))
        #expect(error.contains("push rejected by test hook"))
        #expect(result.summary.contains("kept on local branch cc01/task-42"))
        #expect(try harness.ghCalls().isEmpty)
        #expect(FileSystem.children(of: harness.worktreesDirectory).isEmpty)
        let clone = harness.settings.workspaceRoot.appendingPathComponent("repos/origin")
        let kept = try GitFixtures.git(["branch", "--list", "cc01/*"], in: clone)
        #expect(kept.contains("cc01/task-42"))
    }

    @Test func pullRequestFailureNamesThePullRequestStep() async throws {
        var harness = try await ExecutorHarness()
        defer { harness.temp.remove() }
        harness.settings.environment["FAKE_GH_FAIL"] = "1"
        let (result, _) = try await harness.run()
        #expect(result.outcome == .failed)
        let error = try #require(result.error)
        #expect(error.hasPrefix("pull request failed: `"))
        #expect(error.contains("exited with status 1"))
        #expect(error.contains("Resource not accessible by integration"))
        #expect(result.branch == "cc01/task-42")
        #expect(try await harness.originBranches().contains("cc01/task-42"))
    }

    @Test func missingRunnerFailsWithHowToFixIt() async throws {
        var harness = try await ExecutorHarness()
        defer { harness.temp.remove() }
        harness.settings.runner = RunnerCommand(template: ["claude-not-installed-xyz", "-p", "{prompt}"])
        let executor = try harness.executor()
        let problem = try #require(executor.runnerProblem())
        #expect(problem.contains("claude-not-installed-xyz"))
        #expect(problem.contains("`runner`"))

        let (result, _) = try await harness.run()
        #expect(result.outcome == .failed)
        #expect(result.error == problem)
        #expect(FileSystem.children(of: harness.worktreesDirectory).isEmpty)
    }

    @Test func runnerProblemIsNilWhenTheRunnerExists() async throws {
        let harness = try await ExecutorHarness()
        defer { harness.temp.remove() }
        #expect(try harness.executor().runnerProblem() == nil)
    }

    @Test func aRunnerKilledBeforeItsResultReportsTheSignalAndStderrTail() async throws {
        let harness = try await ExecutorHarness(mode: "crash")
        defer { harness.temp.remove() }
        let (result, _) = try await harness.run()
        #expect(result.outcome == .failed)
        #expect(result.exitStatus == 128 + SIGKILL)
        let error = try #require(result.error)
        #expect(error.contains("killed by signal \(SIGKILL)"))
        #expect(error.contains("fatal: giving up"))
        #expect(error.contains("Error: something upstream broke"))
        #expect(try harness.ghCalls().isEmpty)
        #expect(FileSystem.children(of: harness.worktreesDirectory).isEmpty)
    }

    @Test func anErrorEndingIsReadFromItsResultLineDespiteExitOne() async throws {
        let harness = try await ExecutorHarness(mode: "fail")
        defer { harness.temp.remove() }
        let (result, _) = try await harness.run()
        #expect(result.outcome == .failed && result.ending == .apiError)
        #expect(result.exitStatus == 1)
        #expect(result.error?.contains("API Error: 500") == true, "\(result.error ?? "")")
        #expect(try harness.ghCalls().isEmpty)
    }

    @Test func errorResultFailsTheTaskWithItsEnding() async throws {
        let harness = try await ExecutorHarness(mode: "error-result")
        defer { harness.temp.remove() }
        let (result, _) = try await harness.run()
        #expect(result.outcome == .failed && result.ending == .maxTurns)
        #expect(result.error == "Claude Code stopped at its turn limit: Reached maximum number of turns (30)")
        #expect(result.costUSD == 0.5)
        #expect(result.turns == 30)
    }

    @Test func refusalsBesideRealChangesArePublishedAndListed() async throws {
        let harness = try await ExecutorHarness(mode: "permission-denied-partial")
        defer { harness.temp.remove() }
        let (result, _) = try await harness.run()
        #expect(result.outcome == .succeeded && result.ending == .succeeded && result.changedFiles)
        #expect(result.permissionDenials == ["Bash: curl -s http://127.0.0.1:1/ ; npm test"])
        #expect(try await harness.originBranches().contains("cc01/task-42"))
    }

    @Test func realEndingsReachTheResult() async throws {
        for (mode, ending) in [
            ("max-turns", RunEnding.maxTurns), ("usage-limit", .usageLimited), ("not-logged-in", .notLoggedIn),
            ("api-error-500", .apiError), ("max-budget", .budgetExceeded), ("permission-denied", .permissionDenied),
        ] {
            let harness = try await ExecutorHarness(mode: mode)
            defer { harness.temp.remove() }
            let (result, _) = try await harness.run()
            #expect(result.ending == ending, "\(mode)")
            #expect(result.outcome == (ending == .usageLimited ? .usageLimited : .failed), "\(mode)")
            #expect(try harness.ghCalls().isEmpty, "\(mode)")
        }
    }

    @Test func pushDisabledKeepsTheCommitOnALocalBranch() async throws {
        var harness = try await ExecutorHarness()
        defer { harness.temp.remove() }
        harness.settings.pushEnabled = false
        let (result, _) = try await harness.run()
        #expect(result.outcome == .succeeded)
        #expect(result.pullRequestURL == nil)
        #expect(result.summary.contains("push is disabled"))
        #expect(try await harness.originBranches() == ["main"])
        let clone = harness.settings.workspaceRoot.appendingPathComponent("repos/origin")
        let kept = try GitFixtures.git(["branch", "--list", "cc01/*"], in: clone)
        #expect(kept.contains("cc01/task-42"))
    }

    @Test func prepareRemovesStaleWorktrees() async throws {
        let harness = try await ExecutorHarness()
        defer { harness.temp.remove() }
        let stale = harness.worktreesDirectory.appendingPathComponent("OLD-1")
        try FileManager.default.createDirectory(at: stale, withIntermediateDirectories: true)
        try await harness.executor().prepare()
        #expect(!FileManager.default.fileExists(atPath: stale.path))
        #expect(FileManager.default.fileExists(
            atPath: harness.settings.workspaceRoot.appendingPathComponent("repos/origin/HEAD").path))
    }

    @Test func twoTasksAtOnceGetTheirOwnWorktrees() async throws {
        let harness = try await ExecutorHarness()
        defer { harness.temp.remove() }
        let executor = try harness.executor()
        try await executor.prepare()
        async let first = executor.execute(ExecutorHarness.assignment("T-1")) { _ in }
        async let second = executor.execute(ExecutorHarness.assignment("T-2")) { _ in }
        let results = await [first, second]
        #expect(results.allSatisfy { $0.outcome == .succeeded }, "\(results.map { $0.error ?? "" })")
        let branches = try await harness.originBranches()
        #expect(branches.contains("cc01/t-1") && branches.contains("cc01/t-2"))
    }
}
