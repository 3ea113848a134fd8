import Metrics
import Wire

/// Reports the broker's figures through swift-metrics, for a process that bootstraps a
/// metrics backend (without one, swift-metrics discards them at no cost).
///
/// The state machine keeps running totals (`BrokerCounters`); `BrokerLoop` hands them
/// over at most every 100 ms and this turns their growth into counter increments; it also
/// times each batch's journal commit (`JournalSyncer` times the syncs that follow, as
/// `cluster_broker_journal_sync_seconds`). The same totals reach Prometheus through
/// `mmi.metrics` either way.
struct BrokerMetricsReporter {
    private var previous = BrokerCounters()
    private var counters: [String: Counter] = [:]
    private let commitTimer = Timer(label: "cluster_broker_journal_commit_seconds")
    private let batchWrites = Recorder(label: "cluster_broker_batch_journal_writes")

    mutating func record(_ current: BrokerCounters) {
        guard current != previous else { return }
        let before = Dictionary(Self.fields(of: previous), uniquingKeysWith: { first, _ in first })
        for (field, value) in Self.fields(of: current) {
            let growth = value - before[field, default: 0]
            if growth > 0 { counter(field).increment(by: growth) }
        }
        previous = current
    }

    /// Every counter of `BrokerCounters` by field name, so a new counter is reported
    /// without touching this type.
    private static func fields(of counters: BrokerCounters) -> [(String, Int)] {
        Mirror(reflecting: counters).children.compactMap { child in
            guard let label = child.label, let value = child.value as? Int else { return nil }
            return (label, value)
        }
    }

    func recordCommit(duration: Duration, writes: Int) {
        commitTimer.recordNanoseconds(duration.nanoseconds)
        batchWrites.record(writes)
    }

    private mutating func counter(_ field: String) -> Counter {
        if let existing = counters[field] { return existing }
        let made = Counter(label: "cluster_broker_\(Self.snakeCase(field))_total")
        counters[field] = made
        return made
    }

    static func snakeCase(_ name: String) -> String {
        name.reduce(into: "") { result, character in
            if character.isUppercase {
                result += "_" + character.lowercased()
            } else {
                result.append(character)
            }
        }
    }
}
