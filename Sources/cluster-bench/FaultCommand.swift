import ArgumentParser
import Foundation

/// `cluster-bench fault`: the fault-injection suite.
struct FaultCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fault",
        abstract: "Run durable tasks while killing workers and the broker and fuzzing the bus and the bridge; check nothing is lost.")

    @Option(help: "Durable tasks to run.") var tasks = 2_000
    @Option(help: "Python MDP workers.") var workers = 4
    @Option(help: "Milliseconds each worker spends on a task.") var workMs = 50
    @Option(help: "Times the broker is SIGKILLed and restarted.") var brokerKills = 2
    @Option(help: "Mean seconds between worker kills.") var agentKillEvery = 1.5
    @Option(help: "Random frames per second at the broker's port.") var framesPerSecond = 500
    @Option(help: "Random HTTP requests per second at the bridge.") var httpPerSecond = 20
    @Option(help: "Submits in flight at once.") var inFlight = 16
    @Option(help: "Seconds after which the suite stops, finished or not.") var timeLimit = 300.0
    @Option(help: "Largest resident memory allowed for the broker and the bridge, MiB.") var memoryLimitMb = 200
    @Option(help: "The claude-cluster binary (default: next to this program).") var clusterBinary: String?
    @Option(help: "The Python MDP worker (default: Tests/Interop/mdp_worker.py under the current folder, a checkout of this project).") var workerScript: String?

    func run() async throws {
        let report = BenchReport()
        report.line("machine: \(MachineInfo.current().summary)")
        let suite = FaultSuite(settings: .init(
            tasks: tasks, workers: workers, workMilliseconds: workMs, brokerKills: brokerKills,
            agentKillEvery: .milliseconds(Int(agentKillEvery * 1000)), framesPerSecond: framesPerSecond,
            httpPerSecond: httpPerSecond, inFlight: inFlight, timeLimit: .milliseconds(Int(timeLimit * 1000)),
            memoryLimitMiB: memoryLimitMb, clusterBinary: clusterBinary ?? BenchCommand.siblingBinary("claude-cluster"),
            workerScript: try workerScriptPath()))
        let passed = try await suite.run(report: report)
        report.printSummary()
        report.line(passed ? "FAULT SUITE PASSED" : "FAULT SUITE FAILED")
        if !passed { throw ExitCode(1) }
    }

    /// `--worker-script`, or the checkout's own worker when run from the project's folder.
    private func workerScriptPath() throws -> String {
        let path = workerScript ?? FileManager.default.currentDirectoryPath + "/Tests/Interop/mdp_worker.py"
        guard FileManager.default.fileExists(atPath: path) else {
            throw ValidationError("no Python MDP worker at \(path): run from the project's folder or pass --worker-script")
        }
        return path
    }
}
