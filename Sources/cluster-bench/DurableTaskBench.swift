import Foundation
import Wire

/// Part 3: durable tasks per second end to end. Tasks are submitted over the bus
/// (`mmi.task.submit` through `ClusterClient`), journaled (SQLite, WAL, every commit
/// fsynced before anything that depends on it leaves; or PostgreSQL, every batch one
/// transaction whose COMMIT returns once its WAL is flushed), dispatched to in-process
/// agents that answer FINAL at once, and recorded. The latency of each task runs from just
/// before its submit call to the PUB event of its terminal state, which the broker
/// publishes only after the result is durable.
struct DurableTaskBench {
    var tasks: Int
    var inFlight: Int
    var clients: Int
    var agents: Int
    var capacity: Int
    var workerThreads: Int
    /// A second, light run (few submits in flight) shows the latency without queueing.
    var lightTasks: Int
    var lightInFlight: Int
    /// Where the journal is.
    var journal: BenchJournal = .sqlite

    func run(report: BenchReport) async throws {
        report.heading("3. Durable tasks (\(journal.name) journal): submit -> journal -> dispatch -> FINAL -> result recorded")
        let broker = try LocalBroker.start(label: "durable", postgres: journal.settings)
        let pool = try SimulatedWorkerPool(
            settings: SimulatedWorkerSettings(
                endpoint: broker.routerEndpoint, service: "bench", kind: .agent(capacity: capacity),
                namePrefix: "bench-agent-", heartbeat: .seconds(1)),
            count: agents, threads: workerThreads)
        let watcher = try TaskEventWatcher(publisherEndpoint: broker.publisherEndpoint)
        let submitters = try (0..<max(1, clients)).map { _ in try broker.client(timeout: .seconds(30)) }
        try await withAsyncCleanup {
            try await watcher.connected(timeout: .seconds(10))
            try await BenchWait.until("\(agents) agents registered", timeout: .seconds(20)) {
                try await submitters[0].info(timeout: .seconds(2)).agents >= agents
            }
            report.figure("set-up", "\(tasks) tasks, \(inFlight) submits in flight over \(submitters.count) bus clients; "
                + "\(agents) in-process agents x capacity \(capacity) answering FINAL at once; journal \(journal.describe(broker.directory))")
            let outcome = await TaskSubmitter(clients: submitters, inFlight: inFlight).submit(count: tasks) { index in
                TaskSpec(title: "bench task \(index)", description: "durable task benchmark", type: "bench", target: "bench")
            }
            if outcome.failures > 0 {
                report.note("\(outcome.failures) submissions failed; first: \(outcome.firstFailure ?? "?")")
            }
            let expected = outcome.submissions.count
            try await BenchWait.until("\(expected) tasks ended", timeout: .seconds(Int64(30 + tasks / 200)), every: .milliseconds(20)) {
                watcher.endedCount >= expected
            }
            summarise(outcome, endings: watcher.endings, report: report)
            guard lightTasks > 0 else { return }
            let light = await TaskSubmitter(clients: submitters, inFlight: lightInFlight).submit(count: lightTasks) { index in
                TaskSpec(title: "light task \(index)", description: "durable task benchmark, light load", type: "bench", target: "bench")
            }
            let lightExpected = expected + light.submissions.count
            try await BenchWait.until("\(lightExpected) tasks ended", timeout: .seconds(Int64(30 + lightTasks / 100)), every: .milliseconds(20)) {
                watcher.endedCount >= lightExpected
            }
            let endings = watcher.endings
            let latencies = light.submissions.compactMap { submission in endings[submission.id].map { $0.at - submission.sentAt } }
            if let latency = Percentiles(latencies) {
                report.figure("light load (\(lightInFlight) in flight, \(lightTasks) tasks): submit -> result latency", latency.summary)
            }
        } cleanup: {
            for client in submitters { client.close() }
            await watcher.stop()
            await pool.stop()
            await broker.stop()
        }
    }

    private func summarise(_ outcome: TaskSubmitter.Outcome, endings: [String: TaskEventWatcher.Ending], report: BenchReport) {
        var latencies: [Duration] = []
        var acks: [Duration] = []
        var last = outcome.started
        var notSucceeded = 0
        for submission in outcome.submissions {
            acks.append(submission.ackedAt - submission.sentAt)
            guard let ending = endings[submission.id] else { continue }
            if ending.state != TaskState.succeeded.rawValue { notSucceeded += 1 }
            latencies.append(ending.at - submission.sentAt)
            if ending.at > last { last = ending.at }
        }
        let elapsed = last - outcome.started
        let rate = Double(latencies.count) / max(elapsed.seconds, 1e-9)
        let submitRate = Double(outcome.submissions.count) / max((outcome.finished - outcome.started).seconds, 1e-9)
        report.figure("tasks completed", "\(latencies.count) of \(outcome.submissions.count) acknowledged (\(notSucceeded) not succeeded)")
        report.figure("durable tasks/s (first submit to last result)", NumberText.grouped(rate))
        report.figure("submits acknowledged/s", NumberText.grouped(submitRate))
        if let ack = Percentiles(acks) { report.figure("submit -> ack latency", ack.summary) }
        let part = "3. durable tasks (\(journal.name))"
        guard let latency = Percentiles(latencies) else {
            report.target(part, journal.targets, measured: "no task finished", met: false)
            return
        }
        report.figure("submit -> result latency", latency.summary)
        report.target(part, ">= \(NumberText.grouped(journal.rateGoal)) tasks/s", measured: "\(NumberText.grouped(rate))/s", met: rate >= journal.rateGoal)
        if let p99Goal = journal.p99Goal {
            report.target(part, "p99 submit -> result < \(p99Goal.readable)", measured: latency.p99.readable, met: latency.p99 < p99Goal)
        }
    }
}
