import Foundation
@_exported import ClusterHarness

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

    /// A fresh empty directory for this test run; see `ScratchDirectory.runDirectory`.
    public static func temporaryDirectory(_ label: String = "cluster-test") throws -> URL {
        try ScratchDirectory.make(label)
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

    /// A TCP port that was free a moment ago; see `FreePort.next()`.
    public static func freePort() throws -> Int {
        try FreePort.next()
    }
}
