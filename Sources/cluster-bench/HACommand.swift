import ArgumentParser
import ClusterHarness
import Foundation

/// `cluster-bench ha`: two brokers on one throwaway PostgreSQL, the active one SIGKILLed
/// again and again while real agents work; takeover times and a check that nothing was lost.
struct HACommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ha",
        abstract: "Kill the active broker of an HA pair repeatedly while tasks run; time each takeover and check nothing is lost.")

    @Option(help: "Durable tasks to run.") var tasks = 2_000
    @Option(help: "Times the active broker is SIGKILLed (at least 10 for a p99).") var kills = 10
    @Option(help: "Real claude-cluster agents, each given both brokers.") var agents = 3
    @Option(help: "Tasks each agent runs at once.") var capacity = 4
    @Option(help: "Milliseconds the quick runner works on each task.") var workMs = 20
    @Option(help: "Submits in flight at once.") var inFlight = 16
    @Option(help: "Seconds after which the run stops, finished or not.") var timeLimit = 900.0
    @Option(help: "The claude-cluster binary (default: next to this program).") var clusterBinary: String?
    @Flag(help: "Report the takeover time without judging it against the 5 s goal (a fault test on a busy machine).")
    var noTakeoverGoal = false

    func run() async throws {
        let report = BenchReport()
        report.line("machine: \(MachineInfo.current().summary)")
        let server = try await PostgresServer.start(label: "ha-bench-postgres")
        let database: ThrowawayHADatabase
        do {
            database = try await ThrowawayHADatabase.make(on: server)
        } catch {
            await server.stop()
            throw error
        }
        let suite = HASuite(settings: .init(
            tasks: tasks, kills: kills, agents: agents, capacity: capacity, workMilliseconds: workMs, inFlight: inFlight,
            timeLimit: .milliseconds(Int(timeLimit * 1000)),
            clusterBinary: clusterBinary ?? BenchCommand.siblingBinary("claude-cluster"),
            judgesTakeoverTime: !noTakeoverGoal))
        let passed: Bool
        do {
            passed = try await suite.run(report: report, database: database)
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
        report.printSummary()
        report.line(passed ? "HA SUITE PASSED" : "HA SUITE FAILED")
        if !passed { throw ExitCode(1) }
    }
}
