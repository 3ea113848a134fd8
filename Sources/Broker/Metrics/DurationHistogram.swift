/// Observations of a duration in fixed buckets, as a Prometheus histogram shows them.
struct DurationHistogram: Sendable, Hashable, Codable {
    /// Upper bounds in seconds, ascending; a last `+Inf` bucket is implied.
    let bounds: [Double]
    /// Observations per bucket (not cumulative); one more than `bounds` (the `+Inf` one).
    private(set) var counts: [Int]
    /// Sum of all observations, in seconds.
    private(set) var sum: Double = 0
    /// Number of observations.
    private(set) var count: Int = 0

    /// An empty histogram with these bucket bounds.
    init(bounds: [Double]) {
        self.bounds = bounds.sorted()
        self.counts = Array(repeating: 0, count: bounds.count + 1)
    }

    /// Adds one observation; negative or non-finite values count as zero.
    mutating func observe(seconds: Double) {
        let value = seconds.isFinite ? max(0, seconds) : 0
        let bucket = bounds.firstIndex { value <= $0 } ?? bounds.count
        counts[bucket] += 1
        sum += value
        count += 1
    }

    /// Cumulative counts per bound, then `+Inf`: the `_bucket` samples.
    var cumulative: [(le: String, count: Int)] {
        var total = 0
        var out: [(le: String, count: Int)] = []
        for (index, bound) in bounds.enumerated() {
            total += counts[index]
            out.append((Self.text(bound), total))
        }
        out.append(("+Inf", count))
        return out
    }

    static func text(_ bound: Double) -> String {
        bound == bound.rounded() ? String(Int(bound)) : String(bound)
    }

    /// Bounds for how long an attempt runs: 10 s to 2 h.
    static let runTimeBounds: [Double] = [10, 30, 60, 120, 300, 600, 1200, 1800, 3600, 7200]
    /// Bounds for how long a task waits for an agent: 100 ms to 1 h.
    static let queueWaitBounds: [Double] = [0.1, 0.5, 1, 5, 15, 30, 60, 300, 900, 3600]
}
