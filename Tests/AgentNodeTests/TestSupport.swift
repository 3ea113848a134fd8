import Foundation
import TestSupport
import Logging
import Wire
@testable import AgentNode

#if canImport(Glibc)
import Glibc
#endif

/// Paths to the test fixtures and the sample runner, found from this file.
enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let claude = directory.appendingPathComponent("claude").path
    static let gh = directory.appendingPathComponent("gh").path
    static let sampleRunner = directory.deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scripts/sample-runner").path
}

/// A fresh directory in the test run's folder, removed by `remove()` (or with the
/// run's folder, if a test stops before it).
struct TemporaryDirectory {
    let url: URL

    init() throws {
        url = try TestEnvironment.temporaryDirectory("agentnode")
    }

    func path(_ component: String) -> URL { url.appendingPathComponent(component) }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

/// A logger that stays quiet unless something is badly wrong.
func quietLogger() -> Logger {
    var logger = Logger(label: "agentnode-tests")
    logger.logLevel = .critical
    return logger
}

/// A bare repository with one commit on `main`, to act as `origin`.
func makeOrigin(in temp: TemporaryDirectory) throws -> URL {
    URL(fileURLWithPath: try GitFixtures.makeOrigin(in: temp.url))
}

/// True while a process exists and is not a zombie.
func isAlive(_ pid: Int32) -> Bool {
    guard kill(pid, 0) == 0 else { return false }
    guard let text = ProcessTable.readSmallFile("/proc/\(pid)/stat"), let stat = ProcessStat(statLine: text) else {
        return false
    }
    return !stat.isDefunct
}

/// Collects progress updates from `execute`.
actor ProgressRecorder {
    private(set) var updates: [ProgressUpdate] = []

    func record(_ update: ProgressUpdate) {
        updates.append(update)
    }
}
