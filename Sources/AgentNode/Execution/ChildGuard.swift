import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// `cluster-child-guard`, the small program every child of a cluster process runs under so
/// that it dies with that process (see Sources/cluster-child-guard/main.c).
///
/// It is built beside `claude-cluster` and found there; `CLUSTER_CHILD_GUARD` names
/// another path. Without it children still stop on every ending the agent lives through
/// (deadline, cancellation, shutdown), but not when the agent itself is killed.
enum ChildGuard {
    /// The guard's path, or nil when it is not installed.
    static let path: String? = locate(
        override: ProcessInfo.processInfo.environment["CLUSTER_CHILD_GUARD"], executable: currentExecutable())

    /// Seconds the guard gives a child between SIGTERM and SIGKILL when its parent died.
    static let orphanGrace: Duration = .seconds(1)

    /// The words for a log line when the guard is missing.
    static var missingWarning: String {
        "cluster-child-guard was not found beside \(currentExecutable() ?? "this program") (or at $CLUSTER_CHILD_GUARD): "
            + "a runner, hook or git process would outlive this process if it were killed; build and install it beside claude-cluster"
    }

    /// The argument vector that runs `argv` under the guard, watching this process.
    static func wrap(_ argv: [String], guardPath: String, grace: Duration = orphanGrace) -> [String] {
        let milliseconds = grace.components.seconds * 1000 + grace.components.attoseconds / 1_000_000_000_000_000
        return [guardPath, "--parent", String(getpid()), "--grace-ms", String(milliseconds), "--"] + argv
    }

    static func locate(override: String?, executable: String?) -> String? {
        if let override, !override.isEmpty {
            return ExecutableLocator.isExecutableFile(override) ? override : nil
        }
        guard let executable else { return nil }
        let candidate = URL(fileURLWithPath: executable).deletingLastPathComponent()
            .appendingPathComponent("cluster-child-guard").path
        return ExecutableLocator.isExecutableFile(candidate) ? candidate : nil
    }

    /// This process's executable, from /proc (the test runner's, in tests).
    private static func currentExecutable() -> String? {
        try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
    }
}
