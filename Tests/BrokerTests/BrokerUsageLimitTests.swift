@testable import Broker
import Foundation
import Logging
import TestSupport
import Testing
import Wire

/// A real broker and an agent on a real socket: a usage limit pauses the task and the
/// account, and the broker resumes both by itself once the limit resets.
@Suite(.serialized, .timeLimit(.minutes(2))) struct BrokerUsageLimitTests {
    @Test func aUsageLimitedTaskSucceedsAfterTheResetWithNobodyTouchingIt() async throws {
        let directory = try TestEnvironment.temporaryDirectory("usage-limit")
        var settings = BrokerSettings(routerEndpoint: "tcp://127.0.0.1:*", publisherEndpoint: "tcp://127.0.0.1:*", dataDirectory: directory)
        settings.state.usageLimits = UsageLimitPolicy(resumeMargin: .milliseconds(200))
        let broker = try BrokerService(settings: settings, logger: Logger(label: "test-broker"))
        defer { Task { await broker.stop() } }
        let context = try ZMQContext()
        let client = try ClusterClient(context: context, endpoints: [broker.endpoints.router], options: .init(timeout: .seconds(10)))
        defer { client.close() }

        let agent = try UsageLimitedAgent(endpoint: broker.endpoints.router, name: "CC01", service: "backend",
                                          account: "team", resetAfter: .seconds(3))
        defer { agent.stop() }
        #expect(await TestEnvironment.eventually { try await client.agents().contains { $0.name == "CC01" } })

        let record = try await client.submit(TaskSpec(title: "limited", description: "work", target: "backend"))
        // While paused: the task waits queued with no attempt counted; status says until when.
        var limited: AgentStatus?
        #expect(await TestEnvironment.eventually(every: .milliseconds(20)) {
            limited = try await client.agents().first { $0.name == "CC01" && $0.limitedUntil != nil }
            return limited != nil
        })
        #expect(limited?.limitKind == "five_hour" && limited?.account == "team")
        let waiting = try #require(try await client.task(id: record.id)?.task)
        #expect(waiting.state == .queued && waiting.attempts == 0)

        #expect(await TestEnvironment.eventually(timeout: .seconds(20)) {
            try await client.task(id: record.id)?.task.state == .succeeded
        })
        let done = try #require(try await client.task(id: record.id)?.task)
        #expect(done.attempts == 1 && done.result?.summary == "done after the reset")
        #expect(agent.assignments == [1, 1])
        #expect(try await client.agents().first { $0.name == "CC01" }?.limitedUntil == nil)
        let counters = await broker.counters()
        #expect(counters.usageLimitedResults == 1 && counters.tasksExhausted == 0 && counters.attemptsFailed == 0)
    }

    @Test func aTaskPausedWhenTheBrokerRestartsIsSentAgainByTheNewBroker() async throws {
        let directory = try TestEnvironment.temporaryDirectory("usage-limit-restart")
        var settings = BrokerSettings(routerEndpoint: "tcp://127.0.0.1:*", publisherEndpoint: "tcp://127.0.0.1:*", dataDirectory: directory)
        // A pause far longer than the test: only the restart can end it.
        settings.state.usageLimits = UsageLimitPolicy(resumeMargin: .seconds(3600))
        let first = try BrokerService(settings: settings, logger: Logger(label: "test-broker"))
        let endpoint = first.endpoints.router
        let agent = try UsageLimitedAgent(endpoint: endpoint, name: "CC01", service: "backend", account: "team", resetAfter: .seconds(1))
        defer { agent.stop() }
        let context = try ZMQContext()
        let client = try ClusterClient(context: context, endpoints: [endpoint], options: .init(timeout: .seconds(5), attempts: 4))
        defer { client.close() }
        #expect(await TestEnvironment.eventually { try await client.agents().contains { $0.name == "CC01" } })
        let record = try await client.submit(TaskSpec(title: "limited", description: "work", target: "backend"))
        #expect(await TestEnvironment.eventually { agent.assignments == [1] })
        #expect(await TestEnvironment.eventually { try await client.agents().first?.limitedUntil != nil })
        await first.stop()

        // The pause was in memory only: the new broker restores the queued task, the agent
        // registers again, gets it, and this time it succeeds.
        var again = BrokerSettings(routerEndpoint: endpoint, publisherEndpoint: "tcp://127.0.0.1:*", dataDirectory: directory)
        again.state.usageLimits = settings.state.usageLimits
        let second = try BrokerService(settings: again, logger: Logger(label: "test-broker-2"))
        defer { Task { await second.stop() } }
        #expect(await TestEnvironment.eventually { try await client.task(id: record.id)?.task.state == .succeeded })
        let done = try #require(try await client.task(id: record.id)?.task)
        #expect(done.attempts == 1 && agent.assignments == [1, 1])
    }

    /// With auto-resume off, `claude-cluster status` says until when the agent is limited,
    /// and `claude-cluster resume-account` sends the waiting task out.
    @Test func anOperatorResumesTheAccountFromTheCommandLine() async throws {
        let directory = try TestEnvironment.temporaryDirectory("usage-limit-cli")
        var settings = BrokerSettings(routerEndpoint: "tcp://127.0.0.1:*", publisherEndpoint: "tcp://127.0.0.1:*", dataDirectory: directory)
        settings.state.usageLimits = UsageLimitPolicy(autoResume: false, resumeMargin: .zero)
        let broker = try BrokerService(settings: settings, logger: Logger(label: "test-broker"))
        defer { Task { await broker.stop() } }
        let endpoint = broker.endpoints.router
        let agent = try UsageLimitedAgent(endpoint: endpoint, name: "CC01", service: "backend", account: "team", resetAfter: .seconds(1))
        defer { agent.stop() }
        let context = try ZMQContext()
        let client = try ClusterClient(context: context, endpoints: [endpoint], options: .init(timeout: .seconds(5)))
        defer { client.close() }
        #expect(await TestEnvironment.eventually { try await client.agents().contains { $0.name == "CC01" } })
        let record = try await client.submit(TaskSpec(title: "limited", description: "work", target: "backend"))
        #expect(await TestEnvironment.eventually { try await client.agents().first?.limitedUntil != nil })

        let status = try await Self.cli(["status", "--broker", endpoint])
        #expect(status.status == 0 && status.output.contains("limited until "), "\(status.output)")
        #expect(status.output.contains("(five_hour) (account team)"), "\(status.output)")
        let wrong = try await Self.cli(["resume-account", "nobody", "--broker", endpoint])
        #expect(wrong.status == 4 && wrong.output.contains("paused accounts: team"), "\(wrong.output)")
        let resumed = try await Self.cli(["resume-account", "team", "--broker", endpoint])
        #expect(resumed.status == 0 && resumed.output.contains("account team resumed"), "\(resumed.output)")
        #expect(await TestEnvironment.eventually { try await client.task(id: record.id)?.task.state == .succeeded })
        #expect(agent.assignments == [1, 1])
    }

    static func cli(_ arguments: [String]) async throws -> (status: Int32?, output: String) {
        let child = try ChildProcess("cli", executable: TestEnvironment.clusterExecutable, arguments: arguments)
        let status = await child.waitForExit(timeout: .seconds(60))
        if status == nil { child.signal(SIGKILL) }
        return (status, child.text)
    }
}
