@testable import AgentNode
@testable import Broker
import Foundation
import Logging
import TestSupport
import Testing
import Wire

#if canImport(Glibc)
import Glibc
#endif

/// A real agent whose runner hits the account's usage limit, printed exactly as Claude Code
/// prints it: the task waits without an attempt counted, the agent shows as limited until
/// the reset, and the task finishes after the reset with nobody touching anything.
@Suite(.serialized, .timeLimit(.minutes(2))) struct UsageLimitEndToEndTests {
    @Test func aUsageLimitedRunnerPausesTheTaskUntilTheResetAndThenItFinishes() async throws {
        let root = try TestEnvironment.temporaryDirectory("usage-limit-e2e")
        let origin = try GitFixtures.makeOrigin(in: root)
        // The first run prints Claude Code's own usage-limit ending with a reset 3 s ahead and
        // exits 1, as the real CLI does; later runs behave like sample-runner.
        let transcript = TestEnvironment.repositoryRoot
            .appendingPathComponent("Tests/AgentNodeTests/Fixtures/claude-code/usage-limit-5-hour.jsonl").path
        let sample = TestEnvironment.repositoryRoot.appendingPathComponent("scripts/sample-runner").path
        let runner = root.appendingPathComponent("limited-once")
        try """
        #!/usr/bin/env bash
        echo run >> "\(root.path)/runs"
        if mkdir "\(root.path)/limited" 2>/dev/null; then
          sed "s/1796289481/$(( $(date +%s) + 3 ))/g" "\(transcript)"
          exit 1
        fi
        exec "\(sample)" "$@"
        """.write(to: runner, atomically: true, encoding: .utf8)
        chmod(runner.path, 0o755)

        var brokerSettings = BrokerSettings(
            routerEndpoint: "tcp://127.0.0.1:*", publisherEndpoint: "tcp://127.0.0.1:*",
            dataDirectory: root.appendingPathComponent("broker"))
        brokerSettings.state.usageLimits = UsageLimitPolicy(resumeMargin: .milliseconds(200))
        let broker = try BrokerService(settings: brokerSettings, logger: Logger(label: "test-broker"))
        defer { Task { await broker.stop() } }

        var settings = AgentSettings(
            name: "CC01", specialty: "backend", workspaceRoot: root.appendingPathComponent("workspace"),
            repository: origin, runner: RunnerCommand(template: [runner.path, "-p", "{prompt}"]),
            logsDirectory: root.appendingPathComponent("logs"), pullRequestCommand: [])
        settings.account = "team"
        let agent = try AgentService(
            settings: settings, bus: AgentBusSettings(endpoints: [broker.endpoints.router]), context: try ZMQContext(),
            logger: Logger(label: "CC01"))
        let running = Task { try await agent.run() }
        defer { running.cancel() }

        let client = try ClusterClient(context: try ZMQContext(), endpoints: [broker.endpoints.router], options: .init(timeout: .seconds(5)))
        defer { client.close() }
        #expect(await TestEnvironment.eventually { try await client.agents().contains { $0.name == "CC01" && $0.state != .offline } })
        let record = try await client.submit(TaskSpec(title: "Add a footer", description: "footer", target: "backend", maxAttempts: 1))

        var limited: AgentStatus?
        #expect(await TestEnvironment.eventually(every: .milliseconds(20)) {
            limited = try await client.agents().first { $0.name == "CC01" && $0.limitedUntil != nil }
            return limited != nil
        })
        #expect(limited?.limitKind == "five_hour" && limited?.account == "team")
        let waiting = try #require(try await client.task(id: record.id)?.task)
        #expect(waiting.state == .queued && waiting.attempts == 0, "\(waiting.state) after \(waiting.attempts) attempts")

        #expect(await TestEnvironment.eventually(timeout: .seconds(30)) {
            try await client.task(id: record.id)?.task.state.isTerminal == true
        })
        let done = try #require(try await client.task(id: record.id)?.task)
        // One attempt allowed, and it was enough: the limited run never counted.
        #expect(done.state == .succeeded && done.attempts == 1, "\(done.state): \(done.error ?? "")")
        #expect(try String(contentsOf: root.appendingPathComponent("runs"), encoding: .utf8).split(separator: "\n").count == 2)
        #expect(try await client.agents().first { $0.name == "CC01" }?.limitedUntil == nil)
    }
}
