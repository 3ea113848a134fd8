import Foundation
import Logging

/// One executable run with a JSON document on standard input and extra environment
/// variables, under a timeout (its process group killed when it runs over): the broker's
/// `on-alert` hook, which belongs to no agent.
public struct StandaloneHook: Sendable {
    /// The executable.
    public let path: String
    let timeout: Duration
    /// Environment given to every run, under the per-run variables.
    let environment: [String: String]

    /// Creates a hook for the executable at `path`.
    public init(path: String, timeout: Duration = .seconds(10), environment: [String: String] = [:]) {
        self.path = path
        self.timeout = timeout
        self.environment = environment
    }

    /// Runs it once and waits (at most the timeout); returns nil when it exited 0, else what
    /// went wrong ("exited with status 2: …", "is not executable").
    public func run(input: Data, environment extra: [String: String]) async -> String? {
        guard FileManager.default.isExecutableFile(atPath: path) else {
            return "is missing or not executable (fix with chmod +x)"
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("cluster-hook-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        do { try input.write(to: file) } catch { return "could not be given its input: \(error)" }
        let process = SupervisedProcess(
            executable: path,
            workingDirectory: URL(fileURLWithPath: path).deletingLastPathComponent(),
            environment: environment.merging(extra) { _, run in run },
            standardInput: file,
            timeout: timeout,
            killGrace: .seconds(1))
        let result = await CollectedCommand(process: process, outputLimit: 16 << 10, errorLimit: 16 << 10).run()
        return result.succeeded ? nil : result.failureDescription
    }
}
