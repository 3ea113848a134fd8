import Foundation
import ClusterHarness

/// `wrk` driving `POST /task`, and what its report says.
struct WrkRun {
    /// The figures read from wrk's output.
    struct Figures {
        var requests: Int
        var seconds: Double
        var non2xx: Int
        var socketErrors: String?
        var p50: Duration?
        var p99: Duration?
    }

    var executable: String
    var url: String
    var body: String
    var threads: Int
    var connections: Int
    var duration: Duration
    var scratch: URL

    /// Runs wrk to the end and parses its report; throws when wrk fails or prints no figures.
    func run() async throws -> Figures {
        let script = scratch.appendingPathComponent("post-task.lua")
        let escaped = body.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'")
        try """
        wrk.method = "POST"
        wrk.body = '\(escaped)'
        wrk.headers["Content-Type"] = "application/json"
        """.write(to: script, atomically: true, encoding: .utf8)
        let seconds = max(1, Int(duration.seconds.rounded()))
        let child = try ChildProcess("wrk", executable: executable, arguments: [
            "-t\(threads)", "-c\(connections)", "-d\(seconds)s", "--latency", "-s", script.path, url,
        ])
        guard let status = await child.waitForExit(timeout: .seconds(Int64(seconds + 30))) else {
            child.signal(SIGKILL)
            throw BenchError.timedOut("wrk did not finish")
        }
        // The pipe may deliver the last lines just after the exit.
        try await Task.sleep(for: .milliseconds(100))
        guard status == 0, let figures = Self.parse(child.text) else {
            throw BenchError.setup("wrk exited \(status): \(child.text)")
        }
        return figures
    }

    /// Reads `N requests in Xs`, `Non-2xx or 3xx responses: N`, and the 50%/99% latency lines.
    static func parse(_ text: String) -> Figures? {
        var figures = Figures(requests: 0, seconds: 0, non2xx: 0)
        var found = false
        for raw in text.split(separator: "\n") {
            let line = raw.trimmingCharacters(in: .whitespaces)
            let words = line.split(separator: " ", omittingEmptySubsequences: true)
            if words.count >= 4, words[1] == "requests", words[2] == "in", let count = Int(words[0]) {
                figures.requests = count
                figures.seconds = Double(words[3].dropLast(words[3].hasSuffix(",") ? 2 : 1)) ?? 0
                found = true
            } else if line.hasPrefix("Non-2xx or 3xx responses:"), let count = words.last.flatMap({ Int($0) }) {
                figures.non2xx = count
            } else if line.hasPrefix("Socket errors:") {
                figures.socketErrors = String(line.dropFirst("Socket errors:".count)).trimmingCharacters(in: .whitespaces)
            } else if words.count == 2, words[0] == "50%" {
                figures.p50 = duration(words[1])
            } else if words.count == 2, words[0] == "99%" {
                figures.p99 = duration(words[1])
            }
        }
        return found ? figures : nil
    }

    /// wrk's `812.00us`, `4.52ms`, `1.20s`, `2.00m`.
    static func duration<S: StringProtocol>(_ text: S) -> Duration? {
        let units: [(String, Double)] = [("us", 1e-6), ("ms", 1e-3), ("s", 1), ("m", 60)]
        for (suffix, scale) in units where text.hasSuffix(suffix) {
            guard let value = Double(text.dropLast(suffix.count)) else { return nil }
            return .nanoseconds(Int64(value * scale * 1e9))
        }
        return nil
    }
}
