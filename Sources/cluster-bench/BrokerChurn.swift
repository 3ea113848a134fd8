/// Whether the broker kept its agents: registrations, expiries for silence and held-back
/// silence checks, read from its `mmi.metrics` text. More registrations than agents, or
/// expiries, mean agents were dropped and came back (a broker behind its heartbeats).
struct BrokerChurn: Sendable, Hashable {
    var registrations: Int
    var expired: Int
    var checksDeferred: Int

    /// The counters from Prometheus text; a counter the text lacks counts 0.
    init(metricsText: String) {
        var values: [Substring: Int] = [:]
        for line in metricsText.split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: " ")
            guard parts.count == 2, let value = Double(parts[1]) else { continue }
            values[parts[0]] = Int(value)
        }
        registrations = values["cluster_broker_workers_registered_total"] ?? 0
        expired = values["cluster_broker_workers_expired_total"] ?? 0
        checksDeferred = values["cluster_broker_worker_checks_deferred_total"] ?? 0
    }

    /// One line for the report.
    var summary: String {
        "\(registrations) registrations, \(expired) expired for silence, \(checksDeferred) ticks held back silence checks"
    }
}
