import Foundation
import TestSupport
import Testing
import Wire
@testable import AgentNode

@Suite("No lost work: commits the runner made itself are published or kept")
struct NoLostWorkTests {
    private func clone(_ harness: ExecutorHarness) -> URL {
        harness.settings.workspaceRoot.appendingPathComponent("repos/origin")
    }

    private func rejectPushes(_ harness: ExecutorHarness) throws {
        let hook = harness.origin.appendingPathComponent("hooks/pre-receive")
        try Data("#!/bin/sh\necho 'push rejected by test hook' >&2\nexit 1\n".utf8).write(to: hook)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hook.path)
    }

    @Test func selfCommitIsPushedAndGetsAPullRequest() async throws {
        let harness = try await ExecutorHarness(mode: "selfcommit")
        defer { harness.temp.remove() }
        let (result, updates) = try await harness.run()

        #expect(result.outcome == .succeeded, "\(result.error ?? "")")
        #expect(result.changedFiles)
        #expect(result.branch == "cc01/task-42")
        #expect(result.pullRequestURL == "https://github.com/example/project/pull/42")
        #expect(!result.summary.contains("No changes were made"))
        let subjects = try GitFixtures.git(["log", "--format=%s", "main..cc01/task-42"], in: harness.origin)
        #expect(subjects.split(separator: "\n") == ["Claude's own commit"])
        let files = try GitFixtures.git(["diff", "--name-only", "main", "cc01/task-42"], in: harness.origin)
        #expect(files.contains("CHANGES-BY-AGENTS.md"))
        #expect(try harness.ghCalls().count == 1)
        let body = try #require(try harness.ghCalls().first?.value(of: "--body"))
        #expect(body.contains("CHANGES-BY-AGENTS.md"))
        #expect(updates.contains { $0.kind == .step && $0.message.contains("made 1 commit(s)") })
    }

    @Test func uncommittedRemainderIsCommittedOnTopOfTheSelfCommit() async throws {
        let harness = try await ExecutorHarness(mode: "selfcommit-dirty")
        defer { harness.temp.remove() }
        let (result, _) = try await harness.run()

        #expect(result.outcome == .succeeded, "\(result.error ?? "")")
        #expect(result.changedFiles)
        let subjects = try GitFixtures.git(["log", "--format=%s", "main..cc01/task-42"], in: harness.origin)
        #expect(subjects.split(separator: "\n") == ["Add a health endpoint", "Claude's own commit"])
        let files = try GitFixtures.git(["diff", "--name-only", "main", "cc01/task-42"], in: harness.origin)
        #expect(files.contains("CHANGES-BY-AGENTS.md") && files.contains("REMAINDER.md"))
        #expect(try harness.ghCalls().count == 1)
    }

    @Test func pushFailureKeepsTheSelfCommittedBranch() async throws {
        let harness = try await ExecutorHarness(mode: "selfcommit")
        defer { harness.temp.remove() }
        try rejectPushes(harness)
        let (result, updates) = try await harness.run()

        #expect(result.outcome == .failed)
        #expect(result.error?.hasPrefix("git push failed") == true)
        #expect(result.summary.contains("kept on local branch cc01/task-42"))
        #expect(try harness.ghCalls().isEmpty)
        let kept = try GitFixtures.git(["log", "--format=%s", "-1", "cc01/task-42"], in: clone(harness))
        #expect(kept.hasPrefix("Claude's own commit"))
        #expect(updates.contains { $0.kind == .step && $0.message.contains("local branch cc01/task-42 is kept") })
    }

    @Test func failedRunKeepsTheCommitsItMade() async throws {
        let harness = try await ExecutorHarness(mode: "selfcommit-fail")
        defer { harness.temp.remove() }
        let (result, _) = try await harness.run()

        #expect(result.outcome == .failed)
        let kept = try GitFixtures.git(["log", "--format=%s", "-1", "cc01/task-42"], in: clone(harness))
        #expect(kept.hasPrefix("Claude's half-done commit"))
        #expect(FileSystem.children(of: harness.worktreesDirectory).isEmpty)
    }

    @Test func failedRunKeepsItsUncommittedChangesAsACommit() async throws {
        let harness = try await ExecutorHarness(mode: "dirty-fail")
        defer { harness.temp.remove() }
        let (result, updates) = try await harness.run()

        #expect(result.outcome == .failed)
        let subject = try GitFixtures.git(["log", "--format=%s", "-1", "cc01/task-42"], in: clone(harness))
        #expect(subject.hasPrefix("Unfinished: Add a health endpoint"))
        let files = try GitFixtures.git(["show", "--name-only", "--format=", "cc01/task-42"], in: clone(harness))
        #expect(files.contains("HALF-WRITTEN.md"))
        #expect(try await harness.originBranches() == ["main"], "unfinished work is never pushed")
        #expect(updates.contains { $0.kind == .step && $0.message.contains("kept the unfinished changes") })
    }

    @Test func retryContinuesTheBranchItsFailedPushLeft() async throws {
        let harness = try await ExecutorHarness(mode: "selfcommit")
        defer { harness.temp.remove() }
        try rejectPushes(harness)
        let executor = try harness.executor()
        try await executor.prepare()
        let first = await executor.execute(ExecutorHarness.assignment()) { _ in }
        #expect(first.outcome == .failed)

        // Pushes work again; the second attempt starts from the kept commit and adds its own.
        try FileManager.default.removeItem(at: harness.origin.appendingPathComponent("hooks/pre-receive"))
        var retry = ExecutorHarness.assignment()
        retry.attempt = 2
        let second = await executor.execute(retry) { _ in }
        #expect(second.outcome == .succeeded, "\(second.error ?? "")")
        let subjects = try GitFixtures.git(["log", "--format=%s", "main..cc01/task-42"], in: harness.origin)
        #expect(subjects.split(separator: "\n") == ["Claude's own commit", "Claude's own commit"])
    }

    @Test func startUpKeepsLeftoverBranchesWithUnpushedCommits() async throws {
        let harness = try await ExecutorHarness(mode: "selfcommit-fail")
        defer { harness.temp.remove() }
        _ = try await harness.run()
        try await harness.executor().prepare()
        let kept = try GitFixtures.git(["branch", "--list", "cc01/*"], in: clone(harness))
        #expect(kept.contains("cc01/task-42"))
    }

    @Test func startPointContinuesBranchesThatHoldWork() {
        #expect(WorktreeStartPoint.choose(localUnpushedCommits: 2, onOrigin: true) == .localBranch)
        #expect(WorktreeStartPoint.choose(localUnpushedCommits: 0, onOrigin: true) == .originBranch)
        #expect(WorktreeStartPoint.choose(localUnpushedCommits: nil, onOrigin: false) == .defaultBranch)
        #expect(WorktreeStartPoint.choose(localUnpushedCommits: 0, onOrigin: false) == .defaultBranch)
        #expect(WorktreeStartPoint.originBranch.revision(branch: "cc01/t", base: "main") == "refs/remotes/origin/cc01/t")
    }

    @Test func branchWorkCountsCommitsAndRemainders() {
        let selfCommitted = BranchWork(newCommits: 1, uncommitted: false, unpushedCommits: 1)
        #expect(selfCommitted.changedFiles && selfCommitted.hasWorkToPublish && selfCommitted.branchMustBeKept)
        let clean = BranchWork(newCommits: 0, uncommitted: false, unpushedCommits: 0)
        #expect(!clean.changedFiles && !clean.hasWorkToPublish && !clean.branchMustBeKept)
        let leftOver = BranchWork(newCommits: 0, uncommitted: false, unpushedCommits: 3)
        #expect(!leftOver.changedFiles && leftOver.hasWorkToPublish)
    }
}
