/// A Prometheus histogram with fixed buckets suited to HTTP latency.
struct Histogram: Sendable {
    /// Upper bounds in seconds; `+Inf` is implied.
    static let bounds: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

    /// Observations at or below each bound (not cumulative; summed when rendered).
    private(set) var buckets = [Int](repeating: 0, count: Histogram.bounds.count)
    private(set) var count = 0
    private(set) var sum = 0.0

    /// Adds one observation.
    mutating func observe(_ value: Double) {
        count += 1
        sum += value
        if let index = Histogram.bounds.firstIndex(where: { value <= $0 }) { buckets[index] += 1 }
    }

    /// Cumulative counts per bound, as Prometheus wants them, ending with `+Inf`.
    var cumulative: [(bound: String, count: Int)] {
        var running = 0
        var result: [(String, Int)] = []
        for (bound, count) in zip(Histogram.bounds, buckets) {
            running += count
            result.append((PrometheusText.format(bound), running))
        }
        result.append(("+Inf", count))
        return result
    }
}
