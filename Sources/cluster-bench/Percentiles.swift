/// Nearest-rank percentiles of a set of durations (p99 of 20 samples is the largest).
struct Percentiles: Sendable {
    let count: Int
    let p50: Duration
    let p99: Duration
    let max: Duration

    /// nil when there are no samples.
    init?(_ samples: [Duration]) {
        guard !samples.isEmpty else { return nil }
        let sorted = samples.sorted()
        count = sorted.count
        p50 = Self.rank(0.50, in: sorted)
        p99 = Self.rank(0.99, in: sorted)
        max = sorted[sorted.count - 1]
    }

    /// The smallest sample with at least `fraction` of the samples at or below it.
    static func rank(_ fraction: Double, in sorted: [Duration]) -> Duration {
        let position = Int((fraction * Double(sorted.count)).rounded(.up))
        return sorted[Swift.max(0, Swift.min(sorted.count - 1, position - 1))]
    }

    /// `p50 1.2 ms, p99 4.5 ms (n=100)`.
    var summary: String {
        "p50 \(p50.readable), p99 \(p99.readable), max \(max.readable) (n=\(count))"
    }
}
