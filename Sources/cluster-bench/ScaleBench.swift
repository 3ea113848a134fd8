import Foundation
import ClusterHarness
import Wire

/// Part 6: a thousand simulated agents (DEALERs with AgentInfo READY and 1 s heartbeats,
/// on a few socket loops) on one `claude-cluster broker` child process: its memory and
/// CPU while idle, then a burst of tasks that every agent should share.
struct ScaleBench {
    var agents: Int
    var threads: Int
    var idle: Duration
    var burst: Int
    var hold: Duration
    var clusterBinary: String

    func run(report: BenchReport) async throws {
        report.heading("6. Scale: \(agents) agents on one broker process")
        let directory = try ScratchDirectory.make("bench-scale")
        let broker = try await BrokerProcess.start(
            binary: clusterBinary, routerPort: try FreePort.next(), publisherPort: try FreePort.next(),
            dataDirectory: directory)
        let client = try ClusterClient(context: try ZMQContext(), endpoints: [broker.router], options: .init(timeout: .seconds(10), attempts: 1))
        let baseline = broker.sample
        let connectStart = ContinuousClock.now
        let pool = try SimulatedWorkerPool(
            settings: SimulatedWorkerSettings(
                endpoint: broker.router, service: "scale", kind: .agent(capacity: 1), namePrefix: "sim",
                heartbeat: .seconds(1), hold: hold),
            count: agents, threads: threads)
        try await withAsyncCleanup {
            try await BenchWait.until("\(agents) agents registered", timeout: .seconds(120), every: .milliseconds(100)) {
                try await client.info(timeout: .seconds(5)).agents >= agents
            }
            report.figure("set-up", "\(agents) simulated agents (capacity 1, heartbeat 1 s) on \(threads) socket loops; broker: \(clusterBinary) broker (pid \(broker.process.pid))")
            report.figure("all registered after", (ContinuousClock.now - connectStart).readable)
            if let baseline { report.figure("broker RSS before the agents connected", "\(NumberText.rounded(baseline.residentMiB, places: 1)) MiB") }
            try await measureIdle(broker: broker, client: client, report: report)
            try await measureBurst(broker: broker, client: client, pool: pool, report: report)
        } cleanup: {
            client.close()
            await pool.stop()
            await broker.process.stop()
            try? FileManager.default.removeItem(at: directory)
        }
    }

    private func measureIdle(broker: BrokerProcess, client: ClusterClient, report: BenchReport) async throws {
        guard let start = broker.sample else { throw BenchError.setup("the broker process is gone") }
        try await Task.sleep(for: idle)
        guard let end = broker.sample else { throw BenchError.setup("the broker process died while idle") }
        let share = end.coreShare(since: start)
        let still = try await client.info(timeout: .seconds(5)).agents
        report.figure("agents still registered after \(Int(idle.seconds)) s idle", "\(still)")
        report.figure("broker idle CPU", "\(NumberText.rounded(share * 100, places: 1))% of one core")
        report.figure("broker RSS idle", "\(NumberText.rounded(end.residentMiB, places: 1)) MiB (peak \(NumberText.rounded(end.peakResidentMiB, places: 1)) MiB)")
        report.target("6. scale", "broker RSS < 200 MB with \(agents) agents", measured: "\(NumberText.rounded(end.residentMiB, places: 1)) MiB",
                      met: end.residentBytes < 200 * 1_000_000 && still >= agents)
        report.target("6. scale", "broker idle CPU < 10% of one core", measured: "\(NumberText.rounded(share * 100, places: 1))%", met: share < 0.10)
    }

    private func measureBurst(broker: BrokerProcess, client: ClusterClient, pool: SimulatedWorkerPool, report: BenchReport) async throws {
        guard let start = broker.sample else { throw BenchError.setup("the broker process is gone") }
        let submitters = try (0..<2).map { _ in
            try ClusterClient(context: try ZMQContext(), endpoints: [broker.router], options: .init(timeout: .seconds(30), attempts: 1))
        }
        defer { for submitter in submitters { submitter.close() } }
        let answeredBefore = pool.answered.current
        let outcome = await TaskSubmitter(clients: submitters, inFlight: 128).submit(count: burst) { index in
            TaskSpec(title: "scale \(index)", description: "burst", type: "bench", target: "scale")
        }
        if outcome.failures > 0 { report.note("\(outcome.failures) submissions failed; first: \(outcome.firstFailure ?? "?")") }
        let expected = outcome.submissions.count
        try await BenchWait.until("\(expected) burst tasks answered", timeout: .seconds(Int64(60 + burst / 50)), every: .milliseconds(50)) {
            pool.answered.current - answeredBefore >= expected
        }
        // mmi.info counts the tasks the broker still holds: none left means every result is recorded.
        try await BenchWait.until("\(expected) burst tasks recorded", timeout: .seconds(60), every: .milliseconds(50)) {
            try await client.info(timeout: .seconds(5)).unfinishedTasks == 0
        }
        let elapsed = ContinuousClock.now - outcome.started
        guard let end = broker.sample else { throw BenchError.setup("the broker process died during the burst") }
        let counts = await pool.counts()
        let used = counts.filter { $0 > 0 }.count
        report.figure("burst", "\(expected) tasks (each held \(hold.readable) by its agent) finished in \(elapsed.readable): \(NumberText.grouped(Double(expected) / max(elapsed.seconds, 1e-9))) tasks/s")
        report.figure("spread", "\(used) of \(counts.count) agents ran tasks; per agent min \(counts.min() ?? 0), max \(counts.max() ?? 0)")
        report.figure("broker CPU during the burst", "\(NumberText.rounded(end.coreShare(since: start) * 100, places: 1))% of one core")
        report.figure("broker RSS after the burst", "\(NumberText.rounded(end.residentMiB, places: 1)) MiB (peak \(NumberText.rounded(end.peakResidentMiB, places: 1)) MiB)")
    }
}
