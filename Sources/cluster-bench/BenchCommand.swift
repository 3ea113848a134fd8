import ArgumentParser
import Foundation

/// `cluster-bench run`: the six benchmarks of issue 8, or those picked with `--only`.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the benchmarks (all six, or those named by --only) and print figures, ratios and verdicts.")

    @Option(help: "Parts to run, e.g. 2,3 (1 raw echo, 2 MDP, 3 durable tasks, 4 HTTP, 5 failover, 6 scale, 7 MCP tool call).")
    var only: String = "1,2,3,4,5,6,7"

    @Option(help: "Parts 1-2: clients, one request outstanding each.") var clients = 32
    @Option(help: "Part 2: plain MDP workers.") var workers = 8
    @Option(help: "Parts 1-2: request body size in bytes.") var bodyBytes = 64
    @Option(help: "Parts 1-2: warm-up seconds before measuring.") var warmup = 1.0
    @Option(help: "Parts 1-2: seconds measured.") var seconds = 5.0
    @Option(help: "Threads the simulated workers and agents run on (parts 2-4).") var workerThreads = 1

    @Option(help: "Part 3: durable tasks to submit.") var tasks = 10_000
    @Option(help: "Part 3: submits in flight at once.") var inFlight = 64
    @Option(help: "Part 3: bus clients the submits are spread over.") var busClients = 4
    @Option(help: "Parts 3-4: in-process agents.") var agents = 4
    @Option(help: "Part 3: capacity of each agent.") var capacity = 64
    @Option(help: "Part 3: tasks of the light-load latency run that follows (0: none).") var lightTasks = 2_000
    @Option(help: "Part 3: submits in flight in the light-load run.") var lightInFlight = 4
    @Option(help: "Part 3: journals to run it on, in order (sqlite, postgres: a throwaway PostgreSQL server on this host).")
    var journals = "sqlite,postgres"

    @Option(help: "Part 4: HTTP connections.") var httpConnections = 32
    @Option(help: "Part 4: seconds of HTTP load.") var httpSeconds = 8.0
    @Option(help: "Part 4: path of wrk; without it a Swift load generator is used.") var wrk: String?

    @Option(help: "Part 5: failover trials.") var failoverTrials = 20
    @Option(help: "Part 5: trials run at once.") var failoverParallel = 4
    @Option(help: "Part 5: trials of the silent failure (SIGSTOP), about 3 s each.") var failoverSilentTrials = 10

    @Option(help: "Part 6: simulated agents.") var scaleAgents = 1_000
    @Option(help: "Part 6: processes the simulated agents are spread over (0: one per 2,500 agents).") var scaleProcesses = 0
    @Option(help: "Part 6: socket loops in each simulated agents process (at least one per 1,000 agents).") var scaleThreads = 4
    @Option(help: "Part 6: seconds of idle measurement.") var idleSeconds = 10.0
    @Option(help: "Part 6: tasks in the burst (default: 3 per agent).") var burst: Int?
    @Option(help: "Part 6: milliseconds each simulated agent holds a task (long enough that the burst reaches every agent).") var holdMs = 1_500

    @Option(help: "Part 7: get_task calls measured each way.") var mcpCalls = 500

    @Option(help: "The claude-cluster binary for parts 5-7 (default: next to this program).")
    var clusterBinary: String?

    @Flag(help: "Exit with status 1 when a target is not met.") var strict = false

    func run() async throws {
        let parts = Set(only.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) })
        let report = BenchReport()
        let binary = clusterBinary ?? Self.siblingBinary("claude-cluster")
        report.line("cluster-bench: parts \(parts.sorted().map(String.init).joined(separator: ","))")
        report.line("machine: \(MachineInfo.current().summary)")
        let roundTrips = RoundTripBench(
            clients: clients, workers: workers, bodyBytes: bodyBytes, warmup: .seconds(warmup), duration: .seconds(seconds),
            workerThreads: workerThreads)
        var baseline: Double?
        if parts.contains(1) { baseline = await attempt("1", report) { try await roundTrips.baseline(report: report) } }
        if parts.contains(2) { _ = await attempt("2", report) { try await roundTrips.broker(report: report, baseline: baseline) } }
        if parts.contains(3) {
            for name in journals.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
                _ = await attempt("3 (\(name))", report) {
                    try await BenchJournal.with(name, report: report) { journal in
                        let bench = DurableTaskBench(
                            tasks: tasks, inFlight: inFlight, clients: busClients, agents: agents, capacity: capacity,
                            workerThreads: workerThreads, lightTasks: lightTasks, lightInFlight: lightInFlight, journal: journal)
                        try await bench.run(report: report)
                    }
                }
            }
        }
        if parts.contains(4) {
            let bench = HTTPSubmitBench(connections: httpConnections, duration: .seconds(httpSeconds), agents: agents, workerThreads: workerThreads, wrk: wrk)
            _ = await attempt("4", report) { try await bench.run(report: report) }
        }
        if parts.contains(5) {
            let bench = FailoverBench(trials: failoverTrials, parallel: failoverParallel, clusterBinary: binary, silentTrials: failoverSilentTrials)
            _ = await attempt("5", report) { try await bench.run(report: report) }
        }
        if parts.contains(6) {
            let bench = ScaleBench(
                agents: scaleAgents, processes: scaleProcesses, threads: scaleThreads, idle: .seconds(idleSeconds), burst: burst ?? 3 * scaleAgents,
                hold: .milliseconds(holdMs), clusterBinary: binary, benchBinary: Self.siblingBinary("cluster-bench"))
            _ = await attempt("6", report) { try await bench.run(report: report) }
        }
        if parts.contains(7) {
            let bench = MCPToolBench(calls: mcpCalls, clusterBinary: binary)
            _ = await attempt("7", report) { try await bench.run(report: report) }
        }
        report.printSummary()
        if strict && !report.allMet { throw ExitCode(1) }
    }

    /// Runs one part; a failure is reported as a target not met and the run goes on.
    private func attempt<Value>(_ part: String, _ report: BenchReport, _ body: () async throws -> Value) async -> Value? {
        do {
            return try await body()
        } catch {
            report.note("part \(part) failed: \(error)")
            report.target(part, "part \(part) completes", measured: "failed", met: false)
            return nil
        }
    }

    /// A program built next to this one (`.build/release/claude-cluster`).
    static func siblingBinary(_ name: String) -> String {
        let me = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        return me.deletingLastPathComponent().appendingPathComponent(name).path
    }
}
