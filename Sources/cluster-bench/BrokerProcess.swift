import Foundation
import ClusterHarness

/// A real `claude-cluster broker` child process on fixed ports (so it can be restarted on
/// the same address and data directory).
struct BrokerProcess {
    let process: ChildProcess
    let routerPort: Int
    let publisherPort: Int

    var router: String { "tcp://127.0.0.1:\(routerPort)" }
    var publisher: String { "tcp://127.0.0.1:\(publisherPort)" }

    /// Starts the broker and waits for its "broker ready" line.
    static func start(binary: String, routerPort: Int, publisherPort: Int, dataDirectory: URL) async throws -> BrokerProcess {
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw BenchError.setup("no claude-cluster at \(binary): build it (swift build -c release --product claude-cluster) or pass --cluster-binary")
        }
        let process = try ChildProcess("broker", executable: binary, arguments: [
            "broker", "--bind", "tcp://127.0.0.1:\(routerPort)", "--publish", "tcp://127.0.0.1:\(publisherPort)",
            "--data-dir", dataDirectory.path,
        ])
        guard await process.waitForLine(containing: "broker ready", timeout: .seconds(30)) != nil else {
            process.signal(SIGKILL)
            throw BenchError.setup("the broker did not start: \(process.text)")
        }
        return BrokerProcess(process: process, routerPort: routerPort, publisherPort: publisherPort)
    }

    /// Its memory and CPU time now; nil once it has exited.
    var sample: ProcessSample? { ProcessSample(pid: process.pid) }
}
