import Foundation
import TestSupport
import Testing
import Wire
@testable import AgentNode

/// The executor driving the real Claude Code CLI (2.1.332, from the claude-agent-sdk
/// wheel) against a loopback stand-in for the Anthropic API: every ending for real.
@Suite("Real Claude Code: the executor with the real CLI against a stand-in API", .serialized,
       .enabled(if: RealClaude.executable != nil, Comment(rawValue: RealClaude.missing)))
struct RealClaudeCodeTests {
    /// A harness whose runner is the real CLI, talking to a stand-in following `turns`.
    struct Setup {
        var harness: ExecutorHarness
        let standIn: AnthropicStandIn

        init(turns: String, permissionMode: String = "acceptEdits") async throws {
            harness = try await ExecutorHarness()
            standIn = try await AnthropicStandIn(turns: turns, in: harness.temp.url)
            let home = harness.temp.path("home")
            try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
            harness.settings.runner = RunnerCommand(
                template: [RealClaude.executable ?? "claude"] + RunnerCommand.claudeCode.template.dropFirst())
            harness.settings.permissionMode = permissionMode
            harness.settings.claudeConfigDirectory = harness.temp.path("claude-config")
            // The tests run as root in CI, where the CLI wants IS_SANDBOX for some modes.
            harness.settings.sandbox = true
            harness.settings.environment.merge(RealClaude.environment(standIn: standIn, home: home)) { $1 }
        }

        func finish() async {
            await standIn.stop()
            harness.temp.remove()
        }
    }

    @Test func anEditByTheBashToolIsCommittedAndPushed() async throws {
        let setup = try await Setup(turns: #"""
            [{"text": "I'll create the file.", "bash": "echo hello > hello.txt"}, {"text": "Created hello.txt."}]
            """#)
        let (result, _) = try await setup.harness.run()
        let file = try? await git(["show", "cc01/task-42:hello.txt"], in: setup.harness.origin)
        await setup.finish()
        #expect(result.outcome == .succeeded, "\(result.error ?? result.summary)")
        #expect(result.ending == .succeeded && result.changedFiles)
        #expect(result.summary.hasPrefix("Created hello.txt."))
        #expect(result.sessionID?.isEmpty == false)
        #expect(result.model?.isEmpty == false)
        #expect(result.usage?.inputTokens == 2400)
        #expect(result.branch == "cc01/task-42")
        #expect(file?.trimmingWhitespace() == "hello")
    }

    @Test func aPromptOf200KiBGoesThroughStandardInput() async throws {
        let setup = try await Setup(turns: #"[{"text": "Read it all.", "bash": "echo read > read.txt"}, {"text": "Done."}]"#)
        var assignment = ExecutorHarness.assignment()
        assignment.spec.description = String(repeating: "Describe the change in detail. ", count: 200 * 1024 / 30)
        let (result, _) = try await setup.harness.run(assignment)
        let turns = setup.standIn.turns()
        await setup.finish()
        #expect(result.outcome == .succeeded, "\(result.error ?? result.summary)")
        let firstBytes = try #require(turns.first?["bytes"] as? Int)
        #expect(firstBytes > 200 * 1024)
    }

    @Test func claudeCommittingByItselfStillReachesTheBranch() async throws {
        let setup = try await Setup(turns: #"""
            [{"text": "Committing.", "bash": "echo mine > mine.txt && git add mine.txt && git -c user.name=Claude -c user.email=claude@localhost commit -qm 'Add mine.txt'"},
             {"text": "Committed mine.txt."}]
            """#, permissionMode: "bypassPermissions")
        let (result, _) = try await setup.harness.run()
        let file = try? await git(["show", "cc01/task-42:mine.txt"], in: setup.harness.origin)
        await setup.finish()
        // What Claude committed itself counts as the task's work: pushed, with changed files.
        #expect(result.outcome == .succeeded && result.changedFiles, "\(result.error ?? result.summary)")
        #expect(file?.trimmingWhitespace() == "mine")
    }

    @Test func aSubscriptionUsageLimitPausesWithItsResetTime() async throws {
        var setup = try await Setup(turns: #"""
            [{"status": 429, "headers": {"anthropic-ratelimit-unified-status": "rejected",
              "anthropic-ratelimit-unified-reset": "1796289481",
              "anthropic-ratelimit-unified-representative-claim": "five_hour"},
              "error": {"type": "rate_limit_error", "message": "usage limit"}}]
            """#)
        // The usage-limit ending belongs to subscription auth; an API key gets a plain 429.
        setup.harness.settings.environment["ANTHROPIC_API_KEY"] = ""
        setup.harness.settings.environment["CLAUDE_CODE_OAUTH_TOKEN"] = "sk-ant-oat01-standin"
        let (result, _) = try await setup.harness.run()
        let branches = try await setup.harness.originBranches()
        await setup.finish()
        #expect(result.outcome == .usageLimited && result.ending == .usageLimited, "\(result.error ?? result.summary)")
        let limit = try #require(result.usageLimit)
        #expect(limit.kind == "five_hour")
        #expect(limit.resetsAt == Date(timeIntervalSince1970: 1_796_289_481))
        #expect(branches == ["main"])
    }

    @Test func aServerErrorEndsAsAnAPIErrorWithItsStatus() async throws {
        let setup = try await Setup(turns: #"[{"status": 500, "error": {"type": "api_error", "message": "Internal server error"}}]"#)
        let (result, _) = try await setup.harness.run()
        await setup.finish()
        #expect(result.outcome == .failed && result.ending == .apiError)
        #expect(result.exitStatus == 1)
        #expect(result.error?.hasPrefix("the Anthropic API answered 500") == true, "\(result.error ?? "")")
    }

    @Test func aRateLimitUnderAnAPIKeyEndsAsAnAPIError() async throws {
        let setup = try await Setup(turns: #"""
            [{"status": 429, "headers": {"anthropic-ratelimit-unified-status": "rejected", "anthropic-ratelimit-unified-reset": "1796289481"},
              "error": {"type": "rate_limit_error", "message": "Number of request tokens has exceeded your per-minute rate limit"}}]
            """#)
        let (result, _) = try await setup.harness.run()
        await setup.finish()
        #expect(result.outcome == .failed && result.ending == .apiError && result.usageLimit == nil)
        #expect(result.error?.hasPrefix("the Anthropic API answered 429") == true, "\(result.error ?? "")")
    }

    @Test func aTasksMaxTurnsStopsTheRun() async throws {
        let setup = try await Setup(turns: #"[{"text": "Working.", "bash": "echo one > one.txt"}, {"text": "Done."}]"#)
        var assignment = ExecutorHarness.assignment()
        assignment.spec.claude = ClaudeOverrides(maxTurns: 1)
        let (result, _) = try await setup.harness.run(assignment)
        let branches = try await setup.harness.originBranches()
        await setup.finish()
        #expect(result.outcome == .failed && result.ending == .maxTurns)
        #expect(result.error == "Claude Code stopped at its turn limit: Reached maximum number of turns (1)")
        #expect(branches == ["main"])
    }

    @Test func aTasksBudgetStopsTheRun() async throws {
        let setup = try await Setup(turns: #"[{"text": "Working.", "bash": "echo one > one.txt"}, {"text": "Done."}]"#)
        var assignment = ExecutorHarness.assignment()
        assignment.spec.claude = ClaudeOverrides(maxBudgetUSD: 0.001)
        let (result, _) = try await setup.harness.run(assignment)
        await setup.finish()
        #expect(result.outcome == .failed && result.ending == .budgetExceeded, "\(result.error ?? result.summary)")
        #expect(result.error == "Claude Code stopped at its spending limit: Reached maximum budget ($0.001)")
    }

    @Test func noCredentialsEndsAsNotLoggedIn() async throws {
        var setup = try await Setup(turns: #"[{"text": "Never asked."}]"#)
        setup.harness.settings.environment["ANTHROPIC_API_KEY"] = ""
        let (result, _) = try await setup.harness.run()
        let turns = setup.standIn.turns()
        await setup.finish()
        #expect(result.outcome == .failed && result.ending == .notLoggedIn, "\(result.error ?? result.summary)")
        #expect(result.error?.contains("claude setup-token") == true)
        #expect(turns.isEmpty)
    }

    @Test func refusedToolCallsThatChangeNothingFailAsPermissionDenied() async throws {
        let setup = try await Setup(
            turns: #"[{"text": "Running.", "bash": "curl -s http://127.0.0.1:1/ ; npm test"}, {"text": "Done."}]"#,
            permissionMode: "default")
        let (result, _) = try await setup.harness.run()
        await setup.finish()
        #expect(result.outcome == .failed && result.ending == .permissionDenied, "\(result.error ?? result.summary)")
        #expect(result.permissionDenials?.first?.hasPrefix("Bash: curl") == true)
    }

    @Test func resumeContinuesTheSameSession() async throws {
        let temp = try TemporaryDirectory()
        let standIn = try await AnthropicStandIn(turns: #"[{"text": "First answer."}, {"text": "Second answer."}]"#, in: temp.url)
        let home = temp.path("home")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let work = temp.path("work")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        var environment = RealClaude.environment(standIn: standIn, home: home)
        environment["CLAUDE_CONFIG_DIR"] = temp.path("claude-config").path
        environment["IS_SANDBOX"] = "1"
        func run(_ prompt: String, resume: String?) async throws -> RunnerReport {
            let input = try PromptFile(prompt, directory: temp.url)
            defer { input.remove() }
            let placeholders = RunnerPlaceholders(
                prompt: prompt, permissionMode: "acceptEdits", taskID: "T-1", attempt: 1, title: "t", branch: "b",
                worktree: work.path, agent: "CC01", specialty: "backend")
            let arguments = RunnerCommand.claudeCode.arguments(
                placeholders, claudeFlags: ClaudeArguments.flags(ClaudeSettings(), resumeSessionID: resume))
            let invocation = RunnerInvocation(
                executable: RealClaude.executable ?? "claude", arguments: arguments, workingDirectory: work,
                environment: environment, timeout: .seconds(60), standardInput: input.url)
            return await TaskRunner().run(invocation) { _ in }
        }
        let first = try await run("Say something.", resume: nil)
        let session = try #require(first.finalResult?.sessionID)
        let second = try await run("Say more.", resume: session)
        let turns = standIn.turns()
        await standIn.stop()
        temp.remove()
        #expect(first.termination == .exited(0) && second.termination == .exited(0))
        #expect(second.finalResult?.sessionID == session)
        #expect(second.finalResult?.text == "Second answer.")
        // The second request carries the first exchange: the conversation went on.
        let counts = turns.compactMap { $0["messages"] as? Int }
        #expect(counts.count == 2 && counts[1] > counts[0])
    }
}
