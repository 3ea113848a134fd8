import Foundation

/// A process's resident memory and CPU time, read from /proc (Linux only).
struct ProcessSample: Sendable {
    /// Resident set size now (VmRSS).
    var residentBytes: Int
    /// The largest resident set so far (VmHWM).
    var peakResidentBytes: Int
    /// User plus system CPU time used so far.
    var cpuSeconds: Double
    /// When it was read.
    var at: ContinuousClock.Instant

    /// Reads `/proc/<pid>/status` and `/proc/<pid>/stat`; nil when the process is gone.
    init?(pid: Int32) {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        func kibibytes(_ key: String) -> Int {
            let line = status.split(separator: "\n").first { $0.hasPrefix(key) }
            return (line.flatMap { $0.split(separator: " ").dropFirst().first.flatMap { Int($0) } } ?? 0) * 1024
        }
        // After the command name: state is field 3, utime field 14, stime field 15.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        residentBytes = kibibytes("VmRSS:")
        peakResidentBytes = kibibytes("VmHWM:")
        cpuSeconds = (user + system) / max(ticks, 1)
        at = .now
    }

    /// The share of one core used between `earlier` and this sample (0.05 is 5%).
    func coreShare(since earlier: ProcessSample) -> Double {
        let wall = (at - earlier.at).seconds
        return wall > 0 ? (cpuSeconds - earlier.cpuSeconds) / wall : 0
    }

    /// Resident memory in MiB.
    var residentMiB: Double { Double(residentBytes) / 1_048_576 }
    /// Peak resident memory in MiB.
    var peakResidentMiB: Double { Double(peakResidentBytes) / 1_048_576 }
}
