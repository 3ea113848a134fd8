/// Writes Prometheus text exposition format 0.0.4.
struct PrometheusText {
    /// The text written so far; every line ends with `\n`.
    private(set) var output = ""

    /// The media type of the format.
    static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    /// A `# HELP`/`# TYPE` header and one sample line per label set.
    mutating func family(_ name: String, type: String, help: String, samples: [([String: String], Double)]) {
        header(name, type: type, help: help)
        for (labels, value) in samples { sample(name, labels: labels, value: value) }
    }

    /// A histogram family: `_bucket` lines per bound, then `_sum` and `_count`, per label value.
    mutating func histogram(_ name: String, help: String, label: String, histograms: [(String, Histogram)]) {
        header(name, type: "histogram", help: help)
        for (value, histogram) in histograms {
            for (bound, count) in histogram.cumulative {
                sample(name + "_bucket", labels: [label: value, "le": bound], value: Double(count))
            }
            sample(name + "_sum", labels: [label: value], value: histogram.sum)
            sample(name + "_count", labels: [label: value], value: Double(histogram.count))
        }
    }

    private mutating func header(_ name: String, type: String, help: String) {
        output += "# HELP \(name) \(Self.escapeHelp(help))\n# TYPE \(name) \(type)\n"
    }

    private mutating func sample(_ name: String, labels: [String: String], value: Double) {
        output += name
        if !labels.isEmpty {
            let pairs = labels.sorted { $0.key < $1.key }.map { "\($0.key)=\"\(Self.escapeLabel($0.value))\"" }
            output += "{" + pairs.joined(separator: ",") + "}"
        }
        output += " " + Self.format(value) + "\n"
    }

    /// A sample value: integers without a fraction, the special values as Prometheus spells them.
    static func format(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }

    /// Label values escape backslash, double quote and line feed.
    static func escapeLabel(_ value: String) -> String {
        value.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"").replacing("\n", with: "\\n")
    }

    /// HELP text escapes backslash and line feed.
    static func escapeHelp(_ value: String) -> String {
        value.replacing("\\", with: "\\\\").replacing("\n", with: "\\n")
    }
}
