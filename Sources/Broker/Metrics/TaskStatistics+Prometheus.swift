extension TaskStatistics {
    /// The statistics as Prometheus text (`cluster_broker_task_*`); the names are listed
    /// in ``metricNames`` and used by configs/grafana/cluster-dashboard.json.
    var prometheusText: String {
        var lines: [String] = []
        func header(_ name: String, _ type: String, _ help: String) {
            lines.append("# HELP \(name) \(help)")
            lines.append("# TYPE \(name) \(type)")
        }
        func histogram(_ name: String, _ help: String, _ bySpecialty: [String: DurationHistogram]) {
            header(name, "histogram", help)
            for (specialty, histogram) in bySpecialty.sorted(by: { $0.key < $1.key }) {
                let label = "specialty=\"\(PrometheusLabel.escape(specialty))\""
                for bucket in histogram.cumulative {
                    lines.append("\(name)_bucket{\(label),le=\"\(bucket.le)\"} \(bucket.count)")
                }
                lines.append("\(name)_sum{\(label)} \(histogram.sum)")
                lines.append("\(name)_count{\(label)} \(histogram.count)")
            }
        }
        histogram(Self.runTimeName, "Seconds from an attempt's dispatch to its result, by specialty.", runTime)
        histogram(Self.queueWaitName, "Seconds a task waited for an agent before its dispatch, by specialty.", queueWait)
        header(Self.outcomesName, "counter", "Attempts that ended, by agent, specialty and outcome.")
        for (key, count) in outcomes.sorted(by: { $0.key < $1.key }) {
            lines.append("\(Self.outcomesName){agent=\"\(PrometheusLabel.escape(key.agent))\",specialty=\"\(PrometheusLabel.escape(key.specialty))\",outcome=\"\(PrometheusLabel.escape(key.outcome))\"} \(count)")
        }
        header(Self.costName, "counter", "US dollars runners reported spending, by specialty.")
        for (specialty, cost) in costBySpecialty.sorted(by: { $0.key < $1.key }) {
            lines.append("\(Self.costName){specialty=\"\(PrometheusLabel.escape(specialty))\"} \(cost)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static let runTimeName = "cluster_broker_task_run_seconds"
    static let queueWaitName = "cluster_broker_task_queue_wait_seconds"
    static let outcomesName = "cluster_broker_task_outcomes_total"
    static let costName = "cluster_broker_specialty_cost_usd_total"
}

/// Prometheus label values: backslash, quote and newline escaped.
enum PrometheusLabel {
    static func escape(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }
}
