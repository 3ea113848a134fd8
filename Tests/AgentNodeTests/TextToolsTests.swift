import Testing
import Wire
@testable import AgentNode

@Suite("Small pure pieces: lines, tails, templates, names")
struct TextToolsTests {
    @Test func lineSplitterKeepsUnicodeSeparatorsAndCutsLongLines() {
        var splitter = LineSplitter(maxLineBytes: 8)
        #expect(splitter.push(Array("a\u{2028}b\r\nsecond-".utf8)) == ["a\u{2028}b"])
        #expect(splitter.push(Array("line-too-long\nok\n".utf8)) == ["second-l", "ok"])
        #expect(splitter.push(Array("tail".utf8)).isEmpty)
        #expect(splitter.finish() == "tail")
        #expect(splitter.finish() == nil)
    }

    @Test func byteTailKeepsTheLastBytesFromALineStart() {
        var tail = ByteTail(limit: 10)
        tail.append(Array("first line\nsecond\n".utf8))
        #expect(tail.bytes == Array("ne\nsecond\n".utf8))
        #expect(tail.text == "second\n")
        var small = ByteTail(limit: 100)
        small.append(Array("all of it".utf8))
        #expect(small.text == "all of it")
    }

    @Test func templateExpandsInOnePass() {
        let values = ["prompt": "use {branch} here", "branch": "cc01/x"]
        #expect(CommandTemplate.expand("--p={prompt}", values: values) == "--p=use {branch} here")
        #expect(CommandTemplate.expand("{branch}/{unknown}/{", values: values) == "cc01/x/{unknown}/{")
    }

    @Test func runnerCommandFillsPlaceholders() {
        let values = RunnerPlaceholders(
            prompt: "P", permissionMode: "acceptEdits", taskID: "T-1", attempt: 2, title: "Title",
            branch: "cc01/t-1", worktree: "/w/T-1", agent: "CC01", specialty: "backend")
        #expect(RunnerCommand.claudeCode.executable == "claude")
        // The prompt goes on standard input; the Claude flags take the placeholder's place.
        #expect(RunnerCommand.claudeCode.arguments(values, claudeFlags: ["--max-turns", "3"]) == [
            "-p", "--output-format", "stream-json", "--verbose", "--permission-mode", "acceptEdits", "--max-turns", "3",
        ])
        #expect(RunnerCommand.claudeCode.arguments(values).last == "acceptEdits")
        let withPrompt = RunnerCommand(template: ["my-runner", "-p", "{prompt}", "{claude_flags}", "x{claude_flags}"])
        #expect(withPrompt.arguments(values, claudeFlags: ["--model", "m"]) == ["-p", "P", "--model", "m", "x{claude_flags}"])
        let custom = RunnerCommand(template: ["run", "{agent}:{task_id}#{attempt}", "{worktree}", "{specialty}", "{title}"])
        #expect(custom.arguments(values) == ["CC01:T-1#2", "/w/T-1", "backend", "Title"])
    }

    @Test func branchAndFolderNames() {
        let naming = TaskNaming(agent: "CC01", taskID: "TASK-42")
        #expect(naming.branch == "cc01/task-42")
        #expect(naming.directoryName == "TASK-42")
        #expect(naming.logFileName == "TASK-42.log")
        let odd = TaskNaming(agent: "My Agent!", taskID: "../etc/passwd..lock")
        #expect(odd.branch == "my-agent/etc-passwd")
        #expect(!odd.directoryName.contains("/"))
        #expect(TaskNaming(agent: "", taskID: "..").directoryName != "..")
        #expect(TaskNaming(agent: "", taskID: "").branch == "agent/task")
    }

    @Test func repositoryLocations() throws {
        let https = try RepositoryLocation("https://github.com/acme/shop.git")
        #expect(https.cloneSource == "https://github.com/acme/shop.git")
        #expect(https.directoryName == "shop")
        let scp = try RepositoryLocation("git@github.com:acme/api")
        #expect(scp.cloneSource == "git@github.com:acme/api")
        #expect(scp.directoryName == "api")
        let relative = try RepositoryLocation("../repos/app.git/", currentDirectory: "/home/me/work")
        #expect(relative.cloneSource == "/home/me/repos/app.git")
        #expect(relative.directoryName == "app")
        #expect(throws: WorkspaceError.noRepository) { try RepositoryLocation("  ") }
        #expect(https.disambiguatedDirectoryName.hasPrefix("shop-"))
        #expect(https.disambiguatedDirectoryName.count == "shop-".count + 8)
        #expect(https.disambiguatedDirectoryName != (try RepositoryLocation("https://x/shop")).disambiguatedDirectoryName)
    }

    @Test func commitMessageHasSubjectBodyAndTrailers() {
        let text = CommitMessage.text(title: "Fix login\nsecond line", description: "Details here.", agent: "CC02", taskID: "T-9")
        #expect(text == "Fix login\n\nDetails here.\n\nAgent: CC02\nTask-ID: T-9\n")
        #expect(CommitMessage.text(title: "", description: "", agent: "A", taskID: "T") == "Task T\n\nAgent: A\nTask-ID: T\n")
    }

    @Test func pullRequestBodySectionsAndTestResults() {
        let spec = TaskSpec(title: "T", description: "D", type: "ui", priority: .urgent)
        let body = PullRequestBody.text(
            summary: "Did it.", diffStat: " a.txt | 1 +\n 1 file changed", taskID: "T-1", agent: "CC01",
            specialty: "frontend", spec: spec, runnerText: "Did it.\n\n### Test Results:\n- 3 passed\n\n## Notes\nnone")
        #expect(body.contains("## Changes\n\n```\na.txt | 1 +\n 1 file changed\n```"))
        #expect(body.contains("- Issue: none"))
        #expect(body.contains("## Test Results\n\n- 3 passed\n"))
        #expect(PullRequestBody.testResults(in: "no section here") == nil)
        #expect(PullRequestBody.testResults(in: "**Tests**\nall green") == "all green")
        #expect(body.hasSuffix("- 3 passed\n"))
    }

    @Test func pullRequestBodyClosesTheIssueOfAGitHubTask() {
        var spec = TaskSpec(title: "T", description: "D", source: .github, metadata: ["github.kind": "issue", "github.number": "1"])
        let body = PullRequestBody.text(summary: "Did it.", diffStat: "", taskID: "T-1", agent: "CC01", specialty: "frontend", spec: spec, runnerText: nil)
        #expect(body.hasPrefix("Did it.\n\nCloses #1\n\n## Changes"))
        spec.metadata["github.kind"] = "pull_request"
        #expect(PullRequestBody.closingLine(for: spec) == nil, "a pull request comment closes nothing")
        spec.metadata["github.kind"] = "issue"
        spec.source = .api
        #expect(PullRequestBody.closingLine(for: spec) == nil, "only tasks from GitHub name an issue")
        spec.source = .github
        spec.metadata["github.number"] = "x"
        #expect(PullRequestBody.closingLine(for: spec) == nil)
    }

    @Test func pullRequestURLIsTheLastURLLine() {
        #expect(PullRequestBody.url(in: "Creating...\nhttps://github.com/a/b/pull/1\n") == "https://github.com/a/b/pull/1")
        #expect(PullRequestBody.url(in: "see https://x and more\nnothing") == nil)
        #expect(PullRequestBody.url(in: "http://a/1\n  https://a/2  \n") == "https://a/2")
    }

    @Test func commandLinesRenderForPeople() {
        #expect(CommandLineText.render(["git", "push", "origin", "a b", "it's"]) == "git push origin 'a b' 'it'\\''s'")
        #expect(CommandLineText.render(["gh", "--body", "line1\nline2"]) == "gh --body 'line1…'")
        #expect(CommandLineText.describe(.timedOut, timeout: .seconds(10)) == "did not finish within 10 s and was killed")
        #expect(CommandLineText.describe(.signaled(9), timeout: nil) == "was killed by signal 9")
    }
}
