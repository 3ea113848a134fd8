import Foundation

/// Paths and helpers shared by the tests that start real processes.
public enum TestEnvironment {
    /// The repository root (two levels above this file's folder).
    public static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The built `claude-cluster` next to the test bundle (`swift build --build-tests` builds it).
    public static var clusterExecutable: String {
        let bundleDirectory = Bundle.allBundles.map(\.bundleURL).first { $0.pathExtension == "xctest" }?.deletingLastPathComponent()
        let candidates = [
            bundleDirectory?.appendingPathComponent("claude-cluster").path,
            repositoryRoot.appendingPathComponent(".build/debug/claude-cluster").path,
        ].compactMap { $0 }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates.last!
    }

    /// `Tests/Interop/<name>`.
    public static func interopScript(_ name: String) -> String {
        repositoryRoot.appendingPathComponent("Tests/Interop/\(name)").path
    }

    public static let python = "/usr/bin/env"

    /// A fresh empty directory for this test run; see ``runDirectory``.
    public static func temporaryDirectory(_ label: String = "cluster-test") throws -> URL {
        let url = runDirectory.appendingPathComponent("\(label)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A fresh empty directory in the system's temporary folder that outlives this process:
    /// for what a person may need to look at afterwards (the fault suite keeps its journal
    /// and logs when it fails). Whoever makes it removes it.
    public static func lastingDirectory(_ label: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(label)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The folder every ``temporaryDirectory(_:)`` of this process lives in
    /// (`cluster-tests-<pid>` in the system's temporary folder). It is removed when the
    /// process exits, and a run that crashed leaves one that the next run removes, so
    /// journals, keys and logs of thousands of test runs do not pile up.
    public static let runDirectory: URL = {
        let base = FileManager.default.temporaryDirectory
        removeDirectoriesOfEndedRuns(in: base)
        let directory = base.appendingPathComponent("\(runDirectoryPrefix)\(getpid())")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: TestEnvironment.runDirectory) }
        return directory
    }()

    private static let runDirectoryPrefix = "cluster-tests-"

    /// Removes the run folders whose process is gone.
    private static func removeDirectoriesOfEndedRuns(in base: URL) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: base.path)) ?? []
        for name in names where name.hasPrefix(runDirectoryPrefix) {
            guard let pid = pid_t(name.dropFirst(runDirectoryPrefix.count)), pid != getpid() else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH {
                try? FileManager.default.removeItem(at: base.appendingPathComponent(name))
            }
        }
    }

    /// Polls `condition` until it holds or `timeout` passes; returns whether it held.
    /// A condition that throws counts as not holding yet (the broker may be restarting).
    public static func eventually(timeout: Duration = .seconds(20), every interval: Duration = .milliseconds(50), _ condition: () async throws -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if (try? await condition()) == true { return true }
            try? await Task.sleep(for: interval)
        }
        return (try? await condition()) == true
    }

    /// A TCP port that was free a moment ago (for a child process that must be restarted
    /// on the same address); the kernel picks it, so parallel tests do not collide.
    public static func freePort() throws -> Int {
        let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw POSIXError(.EMFILE) }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0 }
        }
        guard bound else { throw POSIXError(.EADDRINUSE) }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
