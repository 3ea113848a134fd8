import Foundation
import ClusterHarness
import Wire

/// The fault-injection suite: a run of durable tasks on Python MDP workers while workers
/// are SIGKILLed at random and replaced, the broker process is SIGKILLed and restarted on
/// the same data directory, random frames hit the broker's port and random requests hit
/// the HTTP bridge. At the end the journal must hold every task, finished, with exactly
/// one recorded result, and every second result the workers offered (`WorkerFleet`) must
/// have been refused by the broker rather than dropped by the journal's unique key.
/// Bounded by `timeLimit`; stops by itself.
struct FaultSuite {
    struct Settings: Sendable {
        var tasks: Int
        var workers: Int
        var workMilliseconds: Int
        var brokerKills: Int
        var agentKillEvery: Duration
        var framesPerSecond: Int
        var httpPerSecond: Int
        var inFlight: Int
        var timeLimit: Duration
        var memoryLimitMiB: Int
        var clusterBinary: String
        var workerScript: String
    }

    let settings: Settings

    /// Runs the suite and prints its findings; returns whether every check passed.
    func run(report: BenchReport) async throws -> Bool {
        let started = ContinuousClock.now
        let deadline = started + settings.timeLimit
        // Not in the run's folder, which goes when the process exits: a failed run keeps it.
        let root = try ScratchDirectory.lasting("fault-suite")
        let dataDirectory = root.appendingPathComponent("broker")
        report.heading("Fault suite: \(settings.tasks) tasks, \(settings.brokerKills) broker kills, workers killed every ~\(settings.agentKillEvery.readable)")
        report.figure("data", root.path)
        let broker = try await BrokerSupervisor(
            binary: settings.clusterBinary, routerPort: try FreePort.next(),
            publisherPort: try FreePort.next(), dataDirectory: dataDirectory)
        let httpPort = try FreePort.next()
        var bridge = try await startBridge(broker: broker, port: httpPort, root: root)
        let fleet = WorkerFleet(script: settings.workerScript, endpoint: broker.router, service: "fault", workMilliseconds: settings.workMilliseconds)
        let client = try ClusterClient(context: try ZMQContext(), endpoints: [broker.router], options: .init(timeout: .seconds(2), attempts: 2))
        defer { client.close() }
        try await fleet.start(settings.workers)
        let frames = FrameFuzzer(endpoint: broker.router, perSecond: settings.framesPerSecond)
        let http = HTTPFuzzer(port: httpPort, perSecond: settings.httpPerSecond)
        let acknowledged = Locked<[Int: String]>([:])
        let submitting = Task { await submitAll(client: client, deadline: deadline, into: acknowledged) }

        var duplicates = DuplicateResultTally()
        var bridgeCrashes: [String] = []
        var bridgePeak = 0
        var lastInvalid = 0
        var nextAgentKill = ContinuousClock.now + randomInterval()
        var allDone = false
        while ContinuousClock.now < deadline {
            try await broker.check()
            if let sample = ProcessSample(pid: bridge.pid) { bridgePeak = max(bridgePeak, sample.residentBytes) }
            if !bridge.isRunning {
                bridgeCrashes.append("the bridge exited: \(bridge.lines.suffix(10).joined(separator: " | "))")
                bridge = try await startBridge(broker: broker, port: httpPort, root: root)
            }
            if ContinuousClock.now >= nextAgentKill {
                try await fleet.killOneAndReplace()
                nextAgentKill = ContinuousClock.now + randomInterval()
            }
            let acked = acknowledged.value.count
            if let info = try? await client.info(timeout: .milliseconds(500)) {
                lastInvalid = info.invalidMessages
                let completed = acked - info.unfinishedTasks
                let kills = await broker.kills
                if let metrics = try? await client.metrics() { duplicates.record(metrics: metrics, run: kills) }
                if kills < settings.brokerKills, completed >= (kills + 1) * settings.tasks / (settings.brokerKills + 1) {
                    report.note("killing the broker (SIGKILL) with \(completed) of \(settings.tasks) tasks done")
                    try await broker.killAndRestart(downtime: .milliseconds(Int.random(in: 100...1_000)))
                    continue
                }
                if acked == settings.tasks, info.unfinishedTasks == 0, kills >= settings.brokerKills {
                    allDone = true
                    break
                }
            }
            try await Task.sleep(for: .milliseconds(200))
        }
        if !allDone { report.note("the time limit (\(settings.timeLimit.readable)) passed before every task finished") }
        submitting.cancel()
        await frames.stop()
        await http.stop()
        let healthy = bridgeAnswersHealth(port: httpPort)
        try await broker.check()
        await fleet.stop()
        if let metrics = try? await client.metrics() { duplicates.record(metrics: metrics, run: await broker.kills) }
        await bridge.stop()
        await broker.stop()

        let ids = acknowledged.value
        let unacknowledged = (0..<settings.tasks).filter { ids[$0] == nil }.map(idempotencyKey)
        let findings = try JournalAudit.audit(directory: dataDirectory, ids: Array(ids.values), unacknowledgedKeys: unacknowledged)
        let observed = FaultObservations(
            finishedInTime: allDone, elapsed: ContinuousClock.now - started, acknowledged: ids.count,
            brokerKills: await broker.kills, workerKills: await fleet.kills, framesSent: frames.sent.current,
            invalidMessages: lastInvalid, http: http.counts, brokerPeakBytes: await broker.peakResidentBytes,
            bridgePeakBytes: bridgePeak, crashes: await broker.crashes + bridgeCrashes, bridgeHealthy: healthy,
            duplicateResults: duplicates)
        let passed = judge(observed, findings, report: report)
        if passed {
            try? FileManager.default.removeItem(at: root)
        } else {
            report.note("kept the journal and logs for a look: \(root.path)")
        }
        return passed
    }

    private func idempotencyKey(_ index: Int) -> String { "fault-\(index)" }

    private func randomInterval() -> Duration {
        settings.agentKillEvery * Double.random(in: 0.5...1.5)
    }

    /// Submits every task, retrying each (same idempotency key) until it is acknowledged.
    private func submitAll(client: ClusterClient, deadline: ContinuousClock.Instant, into acknowledged: Locked<[Int: String]>) async {
        let tickets = Counter()
        let total = settings.tasks
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<max(1, settings.inFlight) {
                group.addTask {
                    while !Task.isCancelled {
                        let index = tickets.next()
                        guard index < total else { return }
                        let spec = TaskSpec(
                            title: "fault \(index)", description: "fault suite task \(index)", type: "fault", target: "fault",
                            idempotencyKey: idempotencyKey(index))
                        while !Task.isCancelled, ContinuousClock.now < deadline {
                            if let record = try? await client.submit(spec) {
                                acknowledged.withLock { $0[index] = record.id }
                                break
                            }
                            try? await Task.sleep(for: .milliseconds(200))
                        }
                    }
                }
            }
        }
    }

    private func startBridge(broker: BrokerSupervisor, port: Int, root: URL) async throws -> ChildProcess {
        let bridge = try ChildProcess("bridge", executable: settings.clusterBinary, arguments: [
            "bridge", "--broker", broker.router, "--subscribe", broker.publisher, "--listen", "127.0.0.1:\(port)",
            "--data-dir", root.appendingPathComponent("bridge").path,
        ])
        guard await bridge.waitForLine(containing: "listening", timeout: .seconds(30)) != nil else {
            bridge.signal(SIGKILL)
            throw BenchError.setup("the bridge did not start: \(bridge.text)")
        }
        return bridge
    }

    private func bridgeAnswersHealth(port: Int) -> Bool {
        guard let connection = try? HTTPConnection(port: port, timeout: .seconds(5)),
              (try? connection.send(Array("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".utf8))) != nil,
              let response = try? connection.readResponse() else { return false }
        return response.status == 200 || response.status == 503
    }
}
