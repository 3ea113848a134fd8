@testable import Broker
import Foundation
import Testing
import Wire

@Suite("Metrics: run time, queue wait, outcomes and cost by specialty and agent")
struct TaskStatisticsTests {
    @Test("A task that waited 5 s and ran 50 s shows in both histograms and the outcomes")
    func queueWaitAndRunTime() throws {
        var h = StateHarness(.testing())
        let (record, _) = h.submit(TaskSpec(title: "Add a health endpoint", description: "GET /health"))
        let id = try #require(record?.id)
        _ = h.advance(.seconds(5))
        let (peer, _) = h.agent("cc02", service: "backend")
        _ = h.run(for: .seconds(50), alive: [peer])
        _ = h.complete(id, from: peer)

        let statistics = h.state.statistics
        let wait = try #require(statistics.queueWait["backend"])
        #expect(wait.count == 1)
        #expect(wait.sum == 5)
        let run = try #require(statistics.runTime["backend"])
        #expect(run.count == 1)
        #expect(run.sum == 50)
        #expect(statistics.outcomes == [.init(agent: "cc02", specialty: "backend", outcome: "succeeded"): 1])

        let text = h.state.metrics(now: h.now).prometheusText
        #expect(text.contains(#"cluster_broker_task_run_seconds_bucket{specialty="backend",le="30"} 0"#))
        #expect(text.contains(#"cluster_broker_task_run_seconds_bucket{specialty="backend",le="60"} 1"#))
        #expect(text.contains(#"cluster_broker_task_run_seconds_bucket{specialty="backend",le="+Inf"} 1"#))
        #expect(text.contains(#"cluster_broker_task_run_seconds_sum{specialty="backend"} 50.0"#))
        #expect(text.contains(#"cluster_broker_task_queue_wait_seconds_bucket{specialty="backend",le="1"} 0"#))
        #expect(text.contains(#"cluster_broker_task_queue_wait_seconds_bucket{specialty="backend",le="5"} 1"#))
        #expect(text.contains(#"cluster_broker_task_outcomes_total{agent="cc02",specialty="backend",outcome="succeeded"} 1"#))
    }

    @Test("A failed attempt and its retry are two outcomes; the dead letter adds none")
    func failuresAreCountedOncePerAttempt() throws {
        var h = StateHarness(.testing(maxAttempts: 2))
        let (peer, _) = h.agent("cc01", service: "frontend")
        let (record, _) = h.submit(TaskSpec(title: "Fix the CSS", description: "x", target: "frontend"))
        let id = try #require(record?.id)
        _ = h.run(for: .seconds(10), alive: [peer])
        _ = h.complete(id, attempt: 1, from: peer, outcome: .failed, summary: "tests fail")
        _ = h.run(for: .seconds(3), alive: [peer])
        _ = h.complete(id, attempt: 2, from: peer, outcome: .failed, summary: "tests fail again")
        #expect(h.state.tasks[id] == nil)
        #expect(h.state.statistics.outcomes == [.init(agent: "cc01", specialty: "frontend", outcome: "failed"): 2])
        #expect(h.state.statistics.runTime["frontend"]?.count == 2)
        #expect(h.state.statistics.queueWait["frontend"]?.count == 2)
    }

    @Test func histogramBucketsAreCumulative() {
        var histogram = DurationHistogram(bounds: [1, 10])
        for seconds in [0.5, 2, 3, 50, -1, .nan] { histogram.observe(seconds: seconds) }
        #expect(histogram.cumulative.map(\.le) == ["1", "10", "+Inf"])
        #expect(histogram.cumulative.map(\.count) == [3, 5, 6])
        #expect(histogram.sum == 55.5)
    }

    @Test func costIsCountedBySpecialty() {
        var statistics = TaskStatistics()
        statistics.spent(0.25, specialty: "infra")
        statistics.spent(0.5, specialty: "infra")
        statistics.spent(nil, specialty: "infra")
        statistics.spent(-3, specialty: "infra")
        #expect(statistics.costBySpecialty == ["infra": 0.75])
        #expect(statistics.prometheusText.contains(#"cluster_broker_specialty_cost_usd_total{specialty="infra"} 0.75"#))
    }

    @Test("Every metric the Grafana dashboard names is exported by the broker")
    func dashboardNamesOnlyExportedMetrics() throws {
        let dashboard = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("configs/grafana/cluster-dashboard.json")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: dashboard)) as? [String: Any])
        let panels = try #require(json["panels"] as? [[String: Any]])
        let expressions = panels.flatMap { ($0["targets"] as? [[String: Any]] ?? []).compactMap { $0["expr"] as? String } }
        #expect(expressions.count >= 12)
        let pattern = try NSRegularExpression(pattern: "cluster_[a-z_]+")
        var named: Set<String> = []
        for expression in expressions {
            for match in pattern.matches(in: expression, range: NSRange(expression.startIndex..., in: expression)) {
                named.insert(String(expression[Range(match.range, in: expression)!]))
            }
        }
        #expect(named.count >= 12)

        // A snapshot with every family populated, as a running broker exports it.
        var statistics = TaskStatistics()
        statistics.dispatched(specialty: "backend", waitedSeconds: 1)
        statistics.attemptEnded(agent: "cc02", specialty: "backend", outcome: "succeeded", ranSeconds: 30)
        statistics.spent(0.1, specialty: "backend")
        var spending = SpendingLedger()
        spending.add(costUSD: 0.1, agent: "cc02", account: "team")
        let metrics = BrokerMetrics(
            counters: BrokerCounters(), tasksByState: ["queued": 1], agents: 1, plainWorkers: 0, requestsWaiting: 0,
            requestsInFlight: 0, uptimeSeconds: 1, spending: spending, usageLimitedAccounts: 0, usageLimitedAgents: 0,
            agentsOverResourceLimit: 0, statistics: statistics)
        let exported = Set(metrics.prometheusText.split(separator: "\n").compactMap { line -> String? in
            guard !line.hasPrefix("#"), let name = line.split(whereSeparator: { $0 == "{" || $0 == " " }).first else { return nil }
            return String(name)
        })
        for name in named.sorted() {
            #expect(exported.contains(name), "the dashboard names \(name), which the broker does not export")
        }
    }
}
