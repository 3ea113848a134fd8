import Foundation
import TestSupport
import Testing
import Wire
@testable import AgentNode

@Suite("Follow-ups and resumed sessions")
struct FollowUpTests {
    private static func followUp(of parent: String, agent: String = "CC01", branch: String?, session: String?) -> TaskAssignment {
        var assignment = ExecutorHarness.assignment("TASK-43")
        assignment.spec.parent = parent
        assignment.continuation = TaskContinuation(fromTask: parent, agent: agent, branch: branch, sessionID: session)
        return assignment
    }

    /// Makes `<home>/.claude/projects/<folder>/<session>.jsonl`, as Claude Code leaves it.
    private static func storeSession(_ session: String, home: URL) throws {
        let folder = home.appendingPathComponent(".claude/projects/-work-task")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("{}\n".utf8).write(to: folder.appendingPathComponent("\(session).jsonl"))
    }

    @Test func followUpPushesToTheParentsBranchAndKeepsItsPullRequest() async throws {
        var harness = try await ExecutorHarness()
        defer { harness.temp.remove() }
        let executor = try harness.executor()
        try await executor.prepare()
        let parent = await executor.execute(ExecutorHarness.assignment("TASK-42")) { _ in }
        #expect(parent.outcome == .succeeded && parent.branch == "cc01/task-42")

        harness.settings.environment["FAKE_GH_EXISTS"] = "1"
        let argsFile = harness.temp.path("args")
        harness.settings.environment["FAKE_CLAUDE_ARGS"] = argsFile.path
        let second = try harness.executor()
        let result = await second.execute(Self.followUp(of: "TASK-42", branch: parent.branch, session: parent.sessionID)) { _ in }

        #expect(result.outcome == .succeeded, "\(result.error ?? "")")
        #expect(result.branch == "cc01/task-42")
        #expect(result.pullRequestURL == "https://github.com/example/project/pull/42")
        let subjects = try GitFixtures.git(["log", "--format=%s", "main..cc01/task-42"], in: harness.origin)
        #expect(subjects.split(separator: "\n").count == 2, "the follow-up's commit sits on the parent's")
        #expect(try await harness.originBranches().sorted() == ["cc01/task-42", "main"])
        // No session transcript on this machine: a fresh session, not a failing --resume.
        let args = try String(contentsOf: argsFile, encoding: .utf8).split(separator: "\0").map(String.init)
        #expect(!args.contains("--resume"))
    }

    @Test func followUpContinuesAParentBranchThatNeverReachedOrigin() async throws {
        let harness = try await ExecutorHarness(mode: "selfcommit")
        defer { harness.temp.remove() }
        let hook = harness.origin.appendingPathComponent("hooks/pre-receive")
        try Data("#!/bin/sh\nexit 1\n".utf8).write(to: hook)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hook.path)
        let executor = try harness.executor()
        try await executor.prepare()
        let parent = await executor.execute(ExecutorHarness.assignment("TASK-42")) { _ in }
        #expect(parent.outcome == .failed && parent.branch == nil)

        try FileManager.default.removeItem(at: hook)
        let result = await executor.execute(Self.followUp(of: "TASK-42", branch: "cc01/task-42", session: nil)) { _ in }
        #expect(result.outcome == .succeeded, "\(result.error ?? "")")
        #expect(result.branch == "cc01/task-42")
        let subjects = try GitFixtures.git(["log", "--format=%s", "main..cc01/task-42"], in: harness.origin)
        #expect(subjects.split(separator: "\n") == ["Claude's own commit", "Claude's own commit"], "the parent's commit was continued")
    }

    @Test func followUpResumesTheParentsSessionInTheParentsFolder() async throws {
        var harness = try await ExecutorHarness(mode: "nochange")
        defer { harness.temp.remove() }
        let home = harness.temp.path("home")
        try Self.storeSession("parent-session", home: home)
        harness.settings.environment["HOME"] = home.path
        let argsFile = harness.temp.path("args")
        harness.settings.environment["FAKE_CLAUDE_ARGS"] = argsFile.path
        let (result, updates) = try await harness.run(Self.followUp(of: "TASK-42", branch: nil, session: "parent-session"))

        #expect(result.outcome == .succeeded, "\(result.error ?? "")")
        let args = try String(contentsOf: argsFile, encoding: .utf8).split(separator: "\0").map(String.init)
        #expect(Array(args.suffix(2)) == ["--resume", "parent-session"])
        let folder = harness.worktreesDirectory.appendingPathComponent("TASK-42").path
        #expect(updates.contains { $0.kind == .step && $0.message.hasPrefix("worktree \(folder) ") })
    }

    @Test func placementResumesOnlyWhereTheSessionWasMade() {
        let naming = TaskNaming(agent: "CC01", taskID: "T-2")
        let continuation = TaskContinuation(fromTask: "T-1", agent: "cc01", branch: "cc01/t-1", sessionID: "s1")
        let resumed = WorkPlacement.decide(
            continuation: continuation, naming: naming, agent: "CC01", folderInUse: { _ in false }, sessionExists: { _ in true })
        #expect(resumed == WorkPlacement(directoryName: "T-1", branch: "cc01/t-1", resumeSessionID: "s1"))

        let otherAgent = WorkPlacement.decide(
            continuation: continuation, naming: naming, agent: "CC02", folderInUse: { _ in false }, sessionExists: { _ in true })
        #expect(otherAgent == WorkPlacement(directoryName: "T-2", branch: "cc01/t-1", resumeSessionID: nil))

        let gone = WorkPlacement.decide(
            continuation: continuation, naming: naming, agent: "CC01", folderInUse: { _ in false }, sessionExists: { _ in false })
        #expect(gone.resumeSessionID == nil && gone.directoryName == "T-2")

        let busy = WorkPlacement.decide(
            continuation: continuation, naming: naming, agent: "CC01", folderInUse: { $0 == "T-1" }, sessionExists: { _ in true })
        #expect(busy.resumeSessionID == nil && busy.directoryName == "T-2")

        let none = WorkPlacement.decide(
            continuation: nil, naming: naming, agent: "CC01", folderInUse: { _ in false }, sessionExists: { _ in true })
        #expect(none == WorkPlacement(directoryName: "T-2", branch: "cc01/t-2", resumeSessionID: nil))

        let retry = WorkPlacement.decide(
            continuation: TaskContinuation(fromTask: "T-2", agent: "CC01", sessionID: "s2"), naming: naming, agent: "CC01",
            folderInUse: { $0 == "T-2" }, sessionExists: { _ in true })
        #expect(retry == WorkPlacement(directoryName: "T-2", branch: "cc01/t-2", resumeSessionID: "s2"))
    }

    @Test func existingPullRequestIsRecognised() {
        let refused = CommandResult(
            commandLine: "gh pr create", termination: .exited(1), timeout: nil, standardOutput: "",
            standardError: "a pull request for branch \"cc01/t\" into branch \"main\" already exists:\nhttps://github.com/o/r/pull/9\n")
        #expect(PullRequestBody.existingPullRequestURL(in: refused) == "https://github.com/o/r/pull/9")
        let other = CommandResult(
            commandLine: "gh pr create", termination: .exited(1), timeout: nil, standardOutput: "",
            standardError: "GraphQL: Resource not accessible by integration")
        #expect(PullRequestBody.existingPullRequestURL(in: other) == nil)
    }
}
