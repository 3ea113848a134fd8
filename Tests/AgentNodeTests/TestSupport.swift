import Foundation
import TestSupport
import Logging
import Subprocess
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

/// Runs git with a fixed identity, so no global git config is needed; returns stdout.
@discardableResult
func git(_ arguments: [String], in directory: URL) async throws -> String {
    let result = try await Subprocess.run(
        .name("git"),
        arguments: Arguments(["-c", "user.name=Test", "-c", "user.email=test@localhost", "-c", "init.defaultBranch=main"] + arguments),
        environment: .inherit.updating(["GIT_CONFIG_NOSYSTEM": "1"]),
        workingDirectory: .init(directory.path),
        output: .string(limit: 1 << 20),
        error: .string(limit: 1 << 20)
    )
    guard result.terminationStatus.isSuccess else {
        throw TestFailure("git \(arguments.joined(separator: " ")) failed: \(result.standardError)")
    }
    return result.standardOutput
}

/// A bare repository with one commit on `main`, to act as `origin`.
func makeOrigin(in temp: TemporaryDirectory) async throws -> URL {
    let seed = temp.path("seed")
    try FileManager.default.createDirectory(at: seed, withIntermediateDirectories: true)
    try await git(["init", "--quiet", "-b", "main"], in: seed)
    try Data("# Demo project\n".utf8).write(to: seed.appendingPathComponent("README.md"))
    try await git(["add", "README.md"], in: seed)
    try await git(["commit", "--quiet", "-m", "Initial commit"], in: seed)
    let origin = temp.path("origin.git")
    try await git(["init", "--quiet", "--bare", "-b", "main", origin.path], in: temp.url)
    try await git(["push", "--quiet", origin.path, "main:main"], in: seed)
    return origin
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// True while a process exists and is not a zombie.
func isAlive(_ pid: Int32) -> Bool {
    guard kill(pid, 0) == 0 else { return false }
    guard let text = ProcessTable.readSmallFile("/proc/\(pid)/stat"), let stat = ProcessStat(statLine: text) else {
        return false
    }
    return !stat.isDefunct
}

/// Polls `condition` until it holds or `timeout` passes; returns whether it held.
func eventually(timeout: Duration = .seconds(10), _ condition: () async -> Bool) async -> Bool {
    let clock = ContinuousClock()
    let deadline = clock.now + timeout
    while clock.now < deadline {
        if await condition() { return true }
        try? await Task.sleep(for: .milliseconds(20))
    }
    return await condition()
}

/// Collects progress updates from `execute`.
actor ProgressRecorder {
    private(set) var updates: [ProgressUpdate] = []

    func record(_ update: ProgressUpdate) {
        updates.append(update)
    }
}
