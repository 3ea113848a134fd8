import Foundation
import ClusterHarness
import Wire

/// Part 5: stop a busy agent (a real `claude-cluster agent` child process running a task)
/// and time how long its task takes to run on another agent, with the default heartbeats
/// (1 s, liveness 3) and disconnect grace (200 ms). Two ways to stop it: SIGKILL (its
/// kernel closes the connection at once; the broker's socket monitor sees it) and SIGSTOP
/// (a frozen process: the connection stays open and only the missing heartbeats tell).
/// Times come from the broker's own task events (`at`), against the wall clock read just
/// before the signal, so delivery delays do not count.
struct FailoverBench {
    var trials: Int
    var parallel: Int
    var clusterBinary: String
    /// Trials of the SIGSTOP figure (each waits out the heartbeats, about 3 s).
    var silentTrials: Int

    /// What one trial measured.
    struct Trial: Sendable {
        var toAssigned: Duration
        var toRunning: Duration
    }

    /// How a trial stops the busy agent.
    enum Stop: Sendable {
        case kill, freeze

        var signal: Int32 { self == .kill ? SIGKILL : SIGSTOP }
        var label: String { self == .kill ? "SIGKILL" : "SIGSTOP" }
    }

    func run(report: BenchReport) async throws {
        report.heading("5. Failover: stop a busy agent -> its task running on another agent")
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
        try await withAsyncCleanup {
            report.figure("set-up", "each trial: agent A (claude-cluster agent, busy runner) takes a task, agent B registers, A is stopped; "
                + "broker heartbeat 1 s x liveness 3, disconnect grace 200 ms")
            let killed = await runTrials(of: .kill, count: trials, setup: setup, report: report)
            report.figure("SIGKILL trials completed", "\(killed.count) of \(trials)")
            if let running = Percentiles(killed.map(\.toRunning)), let assigned = Percentiles(killed.map(\.toAssigned)) {
                report.figure("SIGKILL -> task assigned to the other agent", assigned.summary)
                report.figure("SIGKILL -> task running on the other agent", running.summary)
                report.target("5. failover (SIGKILL)", "p99 kill -> running elsewhere < 0.5 s (\(killed.count) trials)",
                              measured: running.p99.readable, met: running.p99 < .milliseconds(500) && killed.count >= min(trials, 20))
            } else {
                report.target("5. failover (SIGKILL)", "p99 < 0.5 s", measured: "no trial completed", met: false)
            }
            let frozen = await runTrials(of: .freeze, count: silentTrials, setup: setup, report: report)
            report.figure("SIGSTOP trials completed", "\(frozen.count) of \(silentTrials)")
            if let running = Percentiles(frozen.map(\.toRunning)) {
                report.figure("SIGSTOP -> task running on the other agent", running.summary)
                report.target("5. failover (SIGSTOP, silent)", "p99 stop -> running elsewhere <= 3.5 s (\(frozen.count) trials)",
                              measured: running.p99.readable, met: running.p99 <= .milliseconds(3500) && frozen.count >= min(silentTrials, 10))
            } else {
                report.target("5. failover (SIGSTOP, silent)", "p99 <= 3.5 s", measured: "no trial completed", met: false)
            }
        } cleanup: {
            client.close()
            await broker.stop()
            try? FileManager.default.removeItem(at: root)
        }
    }
}

extension FailoverBench {
    /// Runs `count` trials stopping the agent with `stop`, `parallel` at a time.
    func runTrials(of stop: Stop, count: Int, setup: TrialSetup, report: BenchReport) async -> [Trial] {
        let results = Locked<[Trial]>([])
        let failures = Locked<[String]>([])
        let tickets = Counter()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<max(1, parallel) {
                group.addTask {
                    while true {
                        let index = tickets.next()
                        guard index < count else { return }
                        do {
                            let trial = try await setup.trial(index, stop: stop)
                            results.withLock { $0.append(trial) }
                        } catch {
                            failures.withLock { $0.append("\(stop.label) trial \(index): \(error)") }
                        }
                    }
                }
            }
        }
        for failure in failures.value { report.note(failure) }
        return results.value
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
    func trial(_ index: Int, stop: FailoverBench.Stop) async throws -> FailoverBench.Trial {
        let tag = stop == .kill ? "k" : "s"
        let specialty = "failover\(tag)\(index)"
        let victimName = "fo\(tag)\(index)a", rescuerName = "fo\(tag)\(index)b"
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
        victim.signal(stop.signal)
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
