import Foundation
import ClusterHarness

/// A real `claude-cluster agent` child process with a given runner, in its own folder.
enum AgentProcess {
    /// Starts agent `name` of `specialty` connected to one broker.
    static func start(
        binary: String, name: String, specialty: String, router: String, publisher: String,
        repository: String, runner: String, root: URL
    ) throws -> ChildProcess {
        let home = root.appendingPathComponent(name)
        return try ChildProcess(name, executable: binary, arguments: [
            "agent", "--broker", router, "--subscribe", publisher, "--name", name, "--specialty", specialty,
            "--workspace", home.appendingPathComponent("workspace").path, "--repo", repository,
            "--runner", "\(runner) {prompt}", "--data-dir", home.path,
        ])
    }
}
