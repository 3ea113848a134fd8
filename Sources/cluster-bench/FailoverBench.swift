import Foundation
import ClusterHarness
import Wire

/// Part 5: SIGKILL a busy agent (a real `claude-cluster agent` child process running a
/// task) and time how long its task takes to run on another agent, with the default
/// heartbeats (1 s, liveness 3). Times come from the broker's own task events (`at`),
/// against the wall clock read just before the kill, so delivery delays do not count.
struct FailoverBench {
    var trials: Int
    var parallel: Int
    var clusterBinary: String

    /// What one trial measured.
    struct Trial: Sendable {
        var toAssigned: Duration
        var toRunning: Duration
    }

    func run(report: BenchReport) async throws {
        report.heading("5. Failover: SIGKILL a busy agent -> its task running on another agent")
        guard FileManager.default.isExecutableFile(atPath: clusterBinary) else {
            throw BenchError.setup("no claude-cluster at \(clusterBinary): build it (swift build -c release --product claude-cluster) or pass --cluster-binary")
        }
        let broker = try LocalBroker.start(label: "failover")
        let root = try ScratchDirectory.make("bench-failover-agents")
        let origin = try GitFixtures.makeOrigin(in: root)
        let runner = try BusyRunner.write(in: root, seconds: 600)
        let client = try ClusterClient(
            context: try ZMQContext(), endpoints: [broker.routerEndpoint], eventEndpoints: [broker.publisherEndpoint],
            options: .init(timeout: .seconds(5), attempts: 2))
        let setup = TrialSetup(
            binary: clusterBinary, router: broker.routerEndpoint, publisher: broker.publisherEndpoint,
            origin: origin, runner: runner, root: root, client: client)
        let results = Locked<[Trial]>([])
        let failures = Locked<[String]>([])
        let tickets = Counter()
        try await withAsyncCleanup {
            report.figure("set-up", "\(trials) trials, \(parallel) at a time; each: agent A (claude-cluster agent, busy runner) takes a task, agent B registers, A is SIGKILLed; broker heartbeat 1 s x liveness 3")
            await withTaskGroup(of: Void.self) { group in
                for _ in 0..<max(1, parallel) {
                    group.addTask {
                        while true {
                            let index = tickets.next()
                            guard index < trials else { return }
                            do {
                                let trial = try await setup.trial(index)
                                results.withLock { $0.append(trial) }
                            } catch {
                                failures.withLock { $0.append("trial \(index): \(error)") }
                            }
                        }
                    }
                }
            }
            for failure in failures.value { report.note(failure) }
            let done = results.value
            report.figure("trials completed", "\(done.count) of \(trials)")
            guard let running = Percentiles(done.map(\.toRunning)), let assigned = Percentiles(done.map(\.toAssigned)) else {
                report.target("5. failover", "p99 <= 3.5 s", measured: "no trial completed", met: false)
                return
            }
            report.figure("kill -> task assigned to the other agent", assigned.summary)
            report.figure("kill -> task running on the other agent", running.summary)
            report.target("5. failover", "p99 kill -> running elsewhere <= 3.5 s (\(done.count) trials)",
                          measured: running.p99.readable, met: running.p99 <= .milliseconds(3500) && done.count >= min(trials, 20))
        } cleanup: {
            client.close()
            await broker.stop()
            try? FileManager.default.removeItem(at: root)
        }
    }
}

/// Everything a failover trial needs, shared by the trials running at once.
struct TrialSetup: Sendable {
    var binary: String
    var router: String
    var publisher: String
    var origin: String
    var runner: String
    var root: URL
    var client: ClusterClient

    /// One trial on its own specialty, so trials running at once never share agents.
    func trial(_ index: Int) async throws -> FailoverBench.Trial {
        let specialty = "failover\(index)"
        let victimName = "fo\(index)a", rescuerName = "fo\(index)b"
        let victim = try agent(victimName, specialty)
        var rescuer: ChildProcess?
        defer {
            victim.signal(SIGKILL)
            rescuer?.signal(SIGKILL)
        }
        try await registered(victimName)
        let record = try await client.submit(TaskSpec(title: "failover \(index)", description: "stay busy", type: "bench", target: specialty))
        try await BenchWait.until("task \(record.id) running on \(victimName)", timeout: .seconds(30), every: .milliseconds(20)) {
            let task = try await client.task(id: record.id)?.task
            return task?.state == .running && task?.agent == victimName
        }
        rescuer = try agent(rescuerName, specialty)
        try await registered(rescuerName)
        let events = client.taskEvents(id: record.id)
        // Let the subscription reach the broker, and land the kill at a random moment
        // relative to the victim's heartbeats.
        try await Task.sleep(for: .milliseconds(Int.random(in: 200...1_200)))
        let killed = Date()
        victim.signal(SIGKILL)
        let moves = await firstMoves(events, to: rescuerName, timeout: .seconds(20))
        _ = try? await client.cancel(id: record.id)
        guard let running = moves.running else {
            throw BenchError.timedOut("task \(record.id) did not run on \(rescuerName) within 20 s of the kill")
        }
        let assigned = moves.assigned ?? running
        return FailoverBench.Trial(
            toAssigned: .milliseconds(Int64((assigned.timeIntervalSince(killed) * 1000).rounded())),
            toRunning: .milliseconds(Int64((running.timeIntervalSince(killed) * 1000).rounded())))
    }

    private func agent(_ name: String, _ specialty: String) throws -> ChildProcess {
        try AgentProcess.start(
            binary: binary, name: name, specialty: specialty, router: router, publisher: publisher,
            repository: origin, runner: runner, root: root)
    }

    private func registered(_ name: String) async throws {
        try await BenchWait.until("agent \(name) registered", timeout: .seconds(30), every: .milliseconds(50)) {
            try await client.agents().contains { $0.name == name && $0.state == .healthy }
        }
    }

    /// When the task was assigned to, and running on, `agent` (broker time), from its events.
    private func firstMoves(
        _ events: AsyncStream<ClusterEvent>, to agent: String, timeout: Duration
    ) async -> (assigned: Date?, running: Date?) {
        await withTaskGroup(of: (Date?, Date?).self) { group in
            group.addTask {
                var assigned: Date?
                for await event in events {
                    guard case .taskState(let record, _) = event.payload, record.agent == agent else { continue }
                    if record.state == .assigned, assigned == nil { assigned = event.at }
                    if record.state == .running { return (assigned, event.at) }
                }
                return (assigned, nil)
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return (nil, nil)
            }
            let first = await group.next() ?? (nil, nil)
            group.cancelAll()
            return first
        }
    }
}
