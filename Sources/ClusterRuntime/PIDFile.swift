import Foundation

/// `<data_dir>/cluster.pid`: lets `claude-cluster stop` find the running cluster and
/// keeps a second cluster from starting on the same data directory.
public struct PIDFile: Sendable {
    let path: String

    public init(path: String) {
        self.path = path
    }

    /// The pid written in the file, if the file exists and that process is alive.
    public func runningProcess() -> pid_t? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8),
              let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)), pid > 0 else { return nil }
        guard kill(pid, 0) == 0 || errno == EPERM else { return nil }
        return Self.isZombie(pid) ? nil : pid
    }

    /// True when `pid` has exited but was never reaped, as happens under a container's init
    /// that reaps nothing: such a process holds no file, so it must not block a start.
    static func isZombie(_ pid: pid_t) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")"), let state = stat[close...].dropFirst().first(where: { $0 != " " })
        else { return false }
        return state == "Z" || state == "X"
    }

    /// Writes this process's pid; fails when another live process holds the file.
    func claim() throws {
        if let other = runningProcess(), other != getpid() {
            throw LaunchError(description: "a cluster (pid \(other)) is already running with data directory \(URL(fileURLWithPath: path).deletingLastPathComponent().path); stop it with 'claude-cluster stop'")
        }
        try FileManager.default.createDirectory(atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path, withIntermediateDirectories: true)
        try "\(getpid())\n".write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// Removes the file if it is still ours.
    func release() {
        if runningProcess() == getpid() { try? FileManager.default.removeItem(atPath: path) }
    }
}
