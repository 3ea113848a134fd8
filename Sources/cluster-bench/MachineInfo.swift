import Foundation
import Wire

/// The machine a run happened on, as docs/BENCHMARKS.md records it.
struct MachineInfo: Sendable {
    var cpuModel: String
    var cores: Int
    var memoryMiB: Int
    var kernel: String
    var libzmq: String
    var loadAverage: String

    /// Reads /proc for the current machine.
    static func current() -> MachineInfo {
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let model = cpuinfo.split(separator: "\n")
            .first { $0.hasPrefix("model name") }
            .flatMap { $0.split(separator: ":", maxSplits: 1).last }
            .map { $0.trimmingCharacters(in: .whitespaces) } ?? "unknown"
        let meminfo = (try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8)) ?? ""
        let totalKiB = meminfo.split(separator: "\n")
            .first { $0.hasPrefix("MemTotal:") }
            .flatMap { line in line.split(separator: " ").dropFirst().first.flatMap { Int($0) } } ?? 0
        let kernel = ((try? String(contentsOfFile: "/proc/sys/kernel/osrelease", encoding: .utf8)) ?? "unknown")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let load = ((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "")
            .split(separator: " ").prefix(3).joined(separator: " ")
        return MachineInfo(
            cpuModel: model, cores: ProcessInfo.processInfo.activeProcessorCount, memoryMiB: totalKiB / 1024,
            kernel: kernel, libzmq: ZMQVersion.string, loadAverage: load)
    }

    /// `AMD EPYC, 2 cores, 23.5 GiB, Linux 6.1, libzmq 4.3.4, load 1.9 2.0 2.0`.
    var summary: String {
        "\(cpuModel), \(cores) cores, \(NumberText.rounded(Double(memoryMiB) / 1024, places: 1)) GiB RAM, "
            + "Linux \(kernel), libzmq \(libzmq), load average at start \(loadAverage)"
    }
}
