import Foundation
import ClusterHarness
import Wire

/// The HA run: two `claude-cluster broker` processes on one throwaway PostgreSQL, real
/// `claude-cluster agent`s given both endpoints, a client submitting durable tasks with
/// idempotency keys, and the active broker SIGKILLed `kills` times while tasks run (each
/// time started again, as a standby). It measures each takeover (kill -> first task
/// assigned by the new active, by the broker's clock) and at the end checks that every
/// task finished, each with exactly one recorded result, and none was lost.
struct HASuite {
    struct Settings: Sendable {
        var tasks: Int
        var kills: Int
        var agents: Int
        var capacity: Int
        var workMilliseconds: Int
        var inFlight: Int
        var timeLimit: Duration
        var clusterBinary: String
        /// Whether the takeover time's goal is a target of the run (a fault test on a busy
        /// machine checks only that nothing is lost, failed or doubled).
        var judgesTakeoverTime = true
    }

    let settings: Settings

    /// What one kill measured.
    struct Takeover: Sendable {
        var killed: String
        var duration: Duration
        /// Kill -> the new active took the lease, and -> it was ready (loaded and bound), by its log.
        var leaseTaken: Duration?
        var ready: Duration?
    }

    func run(report: BenchReport, database: any HADatabase) async throws -> Bool {
        let started = ContinuousClock.now
        let deadline = started + settings.timeLimit
        let root = try ScratchDirectory.lasting("ha-suite")
        report.heading("HA: \(settings.tasks) tasks, \(settings.agents) agents, the active broker SIGKILLed \(settings.kills) times")
        report.figure("data", root.path)
        let brokers = try HABrokerGroup(
            binary: settings.clusterBinary, names: ["b1", "b2"], root: root, journalYAML: database.journalYAML)
        let watch = try TakeoverWatch(publisherEndpoints: brokers.publishers)
        let client = try ClusterClient(
            context: try ZMQContext(), endpoints: brokers.routers, eventEndpoints: brokers.publishers,
            options: .init(timeout: .seconds(2), attempts: 3))
        var agents: [ChildProcess] = []
        let acknowledged = Locked<[Int: String]>([:])
        var submitting: Task<Void, Never>?
        var takeovers: [Takeover] = []
        var failures: [String] = []
        var allDone = false
        try await withAsyncCleanup {
            try await brokers.startAll()
            let origin = try GitFixtures.makeOrigin(in: root)
            let runner = try QuickRunner.write(in: root, milliseconds: settings.workMilliseconds)
            for index in 0..<settings.agents {
                agents.append(try agent("ha\(index)", brokers: brokers, root: root, origin: origin, runner: runner))
            }
            try await BenchWait.until("\(settings.agents) agents registered", timeout: .seconds(60), every: .milliseconds(100)) {
                try await client.agents().filter { $0.state != .offline }.count == settings.agents
            }
            submitting = Task { await submitAll(client: client, deadline: deadline, into: acknowledged) }
            while ContinuousClock.now < deadline {
                try await brokers.check()
                guard let info = try? await client.info(timeout: .milliseconds(1_000)) else {
                    try await Task.sleep(for: .milliseconds(100))
                    continue
                }
                let acked = acknowledged.value.count
                let completed = acked - Self.unfinished(info)
                let due = (takeovers.count + 1) * settings.tasks / (settings.kills + 1)
                if takeovers.count < settings.kills, completed >= due, let active = info.leadership?.active {
                    do {
                        takeovers.append(try await killActive(active, brokers: brokers, watch: watch))
                        report.note("killed \(active) with \(completed) of \(settings.tasks) tasks done: takeover in \(takeovers.last!.duration.readable)")
                    } catch {
                        failures.append("kill \(takeovers.count + 1): \(error)")
                    }
                    continue
                }
                if acked == settings.tasks, Self.unfinished(info) == 0, takeovers.count + failures.count >= settings.kills {
                    allDone = true
                    break
                }
                try await Task.sleep(for: .milliseconds(200))
            }
        } cleanup: {
            submitting?.cancel()
            for agent in agents { await agent.stop() }
            watch.stop()
            client.close()
            await brokers.stopAll()
        }
        if !allDone { report.note("the time limit (\(settings.timeLimit.readable)) passed before every task finished") }
        for failure in failures { report.note("FAILED: \(failure)") }
        let ids = acknowledged.value
        let unacknowledged = (0..<settings.tasks).filter { ids[$0] == nil }.map(Self.idempotencyKey)
        let findings = try await database.audit(ids: Array(ids.values), unacknowledgedKeys: unacknowledged)
        let exits = await brokers.exits
        let passed = judge(
            findings: findings, acknowledged: ids.count, takeovers: takeovers, failures: failures, finished: allDone,
            alerts: watch.takeoverAlerts.count, exits: exits, elapsed: ContinuousClock.now - started, report: report)
        if passed { try? FileManager.default.removeItem(at: root) } else { report.note("kept the logs for a look: \(root.path)") }
        return passed
    }

    /// Kills the active broker and waits for the standby's first assignment.
    private func killActive(_ active: String, brokers: HABrokerGroup, watch: TakeoverWatch) async throws -> Takeover {
        let killed = Date()
        try await brokers.killAndRestart(active)
        var assigned: Date?
        try await BenchWait.until("a task assigned after killing \(active)", timeout: .seconds(30), every: .milliseconds(20)) {
            assigned = watch.firstAssignment(after: killed)
            return assigned != nil
        }
        let since = { (date: Date) in Duration.milliseconds(Int64((date.timeIntervalSince(killed) * 1000).rounded())) }
        let phases = brokers.phases(after: killed)
        return Takeover(
            killed: active, duration: since(assigned!), leaseTaken: phases.map { since($0.leaseTaken) },
            ready: phases?.ready.map(since))
    }

    /// One real agent of specialty `ha` given every broker's endpoints, from a one-agent
    /// configuration file (for `max_concurrent`, which has no flag).
    private func agent(_ name: String, brokers: HABrokerGroup, root: URL, origin: String, runner: String) throws -> ChildProcess {
        let home = root.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let file = home.appendingPathComponent("agent.yaml")
        try """
        bus:
          endpoints: [\(brokers.routers.joined(separator: ", "))]
          events: [\(brokers.publishers.joined(separator: ", "))]
        agents:
          - name: \(name)
            specialty: ha
            repository: \(origin)
            workspace: \(home.appendingPathComponent("workspace").path)
            runner: ["\(runner)", "{prompt}"]
            max_concurrent: \(settings.capacity)
            push: false
        """.write(to: file, atomically: true, encoding: .utf8)
        return try ChildProcess(name, executable: settings.clusterBinary, arguments: [
            "agent", "--config", file.path, "--name", name, "--data-dir", home.path,
        ])
    }

    static func idempotencyKey(_ index: Int) -> String { "ha-\(index)" }

    /// The task's description, which the quick runner echoes into its result: a result
    /// recorded against the wrong task shows.
    static func marker(_ index: Int) -> String { "ha-task-\(index)-end" }

    static func unfinished(_ info: RouterInfo) -> Int {
        info.tasksByState.filter { !(TaskState(rawValue: $0.key)?.isTerminal ?? true) }.values.reduce(0, +)
    }

    /// Submits every task, each until acknowledged, always with the same idempotency key.
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
                            title: "ha \(index)", description: Self.marker(index), type: "ha", target: "ha",
                            idempotencyKey: Self.idempotencyKey(index))
                        while !Task.isCancelled, ContinuousClock.now < deadline {
                            if let record = try? await client.submit(spec) {
                                acknowledged.withLock { $0[index] = record.id }
                                break
                            }
                            try? await Task.sleep(for: .milliseconds(100))
                        }
                    }
                }
            }
        }
    }
}
