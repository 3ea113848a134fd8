import Foundation
import ClusterHarness
import Wire

/// Part 6: many simulated agents (DEALERs with AgentInfo READY and 1 s heartbeats, spread
/// over several `cluster-bench agents` processes) on one `claude-cluster broker` child
/// process: how long they take to register, the broker's memory and CPU while idle, then
/// a burst of tasks that every agent should share.
struct ScaleBench {
    var agents: Int
    /// Child processes the agents are spread over; 0: one per `agentsPerProcess`.
    var processes: Int
    var threads: Int
    var idle: Duration
    var burst: Int
    var hold: Duration
    var clusterBinary: String
    var benchBinary: String

    /// Part 6's default spread: well under one process's 20,000 descriptors.
    static let agentsPerProcess = 2_500
    /// The registration goal (issue 23).
    static let registrationGoal = Duration.seconds(30)

    /// The broker's memory bound: 200 MB up to 1,000 agents, 500 MB beyond (issue 23's
    /// goal for 10,000).
    var memoryBoundBytes: Int { agents <= 1_000 ? 200_000_000 : 500_000_000 }

    func run(report: BenchReport) async throws {
        report.heading("6. Scale: \(agents) agents on one broker process")
        let directory = try ScratchDirectory.make("bench-scale")
        let broker = try await BrokerProcess.start(
            binary: clusterBinary, routerPort: try FreePort.next(), publisherPort: try FreePort.next(),
            dataDirectory: directory)
        let client = try ClusterClient(context: try ZMQContext(), endpoints: [broker.router], options: .init(timeout: .seconds(10), attempts: 1))
        let baseline = broker.sample
        let connectStart = ContinuousClock.now
        let processCount = processes > 0 ? processes : (agents + Self.agentsPerProcess - 1) / Self.agentsPerProcess
        var fleet: SimulatedAgentProcesses?
        try await withAsyncCleanup {
            let started = try await SimulatedAgentProcesses.start(
                benchBinary: benchBinary, endpoint: broker.router, agents: agents, processes: processCount,
                threadsPerProcess: threads, capacity: 1, heartbeat: .seconds(1), hold: hold)
            fleet = started
            try await BenchWait.until("\(agents) agents registered", timeout: .seconds(180), every: .milliseconds(100)) {
                try await client.info(timeout: .seconds(5)).agents >= agents
            }
            let registration = ContinuousClock.now - connectStart
            report.figure("set-up", "\(agents) simulated agents (capacity 1, heartbeat 1 s) in \(started.members.count) processes "
                + "of \(started.members.map(\.agents).map(String.init).joined(separator: "/")); broker: \(clusterBinary) broker (pid \(broker.process.pid))")
            report.figure("all registered after", "\(registration.readable) (from starting the agent processes)")
            report.target("6. scale", "\(agents) agents registered within \(Int(Self.registrationGoal.seconds)) s",
                          measured: registration.readable, met: registration <= Self.registrationGoal)
            try await reportHosts(client: client, report: report)
            if let baseline { report.figure("broker RSS before the agents connected", "\(NumberText.rounded(baseline.residentMiB, places: 1)) MiB") }
            try await reportChurn("after registration", client: client, report: report)
            try await measureIdle(broker: broker, client: client, baseline: baseline, report: report)
            try await reportChurn("after idling", client: client, report: report)
            try await measureBurst(broker: broker, client: client, fleet: started, report: report)
            try await reportChurn("after the burst", client: client, report: report)
        } cleanup: {
            client.close()
            await fleet?.stop()
            await broker.process.stop()
            try? FileManager.default.removeItem(at: directory)
        }
    }

    /// Whether the broker kept its agents so far: registrations beyond one per agent and
    /// expiries mean some were dropped and came back.
    private func reportChurn(_ moment: String, client: ClusterClient, report: BenchReport) async throws {
        let churn = BrokerChurn(metricsText: try await client.metrics())
        report.figure("broker churn \(moment)", churn.summary)
    }

    /// Which process holds how many agents, as the broker sees them: each process names
    /// itself as the agents' `host`.
    private func reportHosts(client: ClusterClient, report: BenchReport) async throws {
        var byHost: [String: Int] = [:]
        for agent in try await client.agents() where agent.isClusterAgent {
            byHost[agent.host ?? "?", default: 0] += 1
        }
        let listed = byHost.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        report.figure("agents by process (the broker's agent list)", "\(byHost.count) processes: \(listed)")
    }

    private func measureIdle(broker: BrokerProcess, client: ClusterClient, baseline: ProcessSample?, report: BenchReport) async throws {
        guard let start = broker.sample else { throw BenchError.setup("the broker process is gone") }
        try await Task.sleep(for: idle)
        guard let end = broker.sample else { throw BenchError.setup("the broker process died while idle") }
        let share = end.coreShare(since: start)
        let still = try await client.info(timeout: .seconds(5)).agents
        report.figure("agents still registered after \(Int(idle.seconds)) s idle", "\(still)")
        report.figure("broker idle CPU", "\(NumberText.rounded(share * 100, places: 1))% of one core")
        report.figure("broker RSS idle", "\(NumberText.rounded(end.residentMiB, places: 1)) MiB (peak \(NumberText.rounded(end.peakResidentMiB, places: 1)) MiB)")
        if let baseline, agents > 0 {
            let perAgent = Double(end.residentBytes - baseline.residentBytes) / Double(agents) / 1024
            report.figure("broker RSS per agent", "\(NumberText.rounded(perAgent, places: 1)) KiB (idle RSS less the RSS before the agents connected)")
        }
        report.target("6. scale", "broker RSS < \(memoryBoundBytes / 1_000_000) MB with \(agents) agents",
                      measured: "\(NumberText.rounded(end.residentMiB, places: 1)) MiB",
                      met: end.residentBytes < memoryBoundBytes && still >= agents)
        report.target("6. scale", "broker idle CPU < 10% of one core", measured: "\(NumberText.rounded(share * 100, places: 1))%", met: share < 0.10)
    }

    private func measureBurst(broker: BrokerProcess, client: ClusterClient, fleet: SimulatedAgentProcesses, report: BenchReport) async throws {
        guard let start = broker.sample else { throw BenchError.setup("the broker process is gone") }
        let submitters = try (0..<2).map { _ in
            try ClusterClient(context: try ZMQContext(), endpoints: [broker.router], options: .init(timeout: .seconds(30), attempts: 1))
        }
        defer { for submitter in submitters { submitter.close() } }
        let answeredBefore = fleet.spread().answered
        let outcome = await TaskSubmitter(clients: submitters, inFlight: 128).submit(count: burst) { index in
            TaskSpec(title: "scale \(index)", description: "burst", type: "bench", target: "scale")
        }
        if outcome.failures > 0 { report.note("\(outcome.failures) submissions failed; first: \(outcome.firstFailure ?? "?")") }
        let expected = outcome.submissions.count
        try await BenchWait.until("\(expected) burst tasks answered", timeout: .seconds(Int64(60 + burst / 50)), every: .milliseconds(50)) {
            fleet.spread().answered - answeredBefore >= expected
        }
        // mmi.info counts the tasks the broker still holds: none left means every result is recorded.
        try await BenchWait.until("\(expected) burst tasks recorded", timeout: .seconds(60), every: .milliseconds(50)) {
            try await client.info(timeout: .seconds(5)).unfinishedTasks == 0
        }
        let elapsed = ContinuousClock.now - outcome.started
        guard let end = broker.sample else { throw BenchError.setup("the broker process died during the burst") }
        let spread = fleet.spread()
        report.figure("burst", "\(expected) tasks (each held \(hold.readable) by its agent) finished in \(elapsed.readable): \(NumberText.grouped(Double(expected) / max(elapsed.seconds, 1e-9))) tasks/s")
        report.figure("spread", "\(spread.used) of \(spread.agents) agents ran tasks; per agent min \(spread.fewest), max \(spread.most)")
        if expected >= agents {
            report.target("6. scale", "burst spread: every agent ran at least 1", measured: "min \(spread.fewest)", met: spread.fewest >= 1)
        }
        report.figure("broker CPU during the burst", "\(NumberText.rounded(end.coreShare(since: start) * 100, places: 1))% of one core")
        report.figure("broker RSS after the burst", "\(NumberText.rounded(end.residentMiB, places: 1)) MiB (peak \(NumberText.rounded(end.peakResidentMiB, places: 1)) MiB)")
    }
}
