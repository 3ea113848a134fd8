import Foundation
import ClusterHarness

/// Owns the fault suite's `claude-cluster broker` process: kills it on purpose, restarts
/// it on the same ports and data directory, and notices when it dies on its own (a crash).
actor BrokerSupervisor {
    private let binary: String
    private let routerPort: Int
    private let publisherPort: Int
    private let dataDirectory: URL
    private var current: BrokerProcess
    /// Kills done on purpose, and deaths nobody asked for.
    private(set) var kills = 0
    private(set) var crashes: [String] = []
    /// The largest resident set seen in any sample of any broker process.
    private(set) var peakResidentBytes = 0

    init(binary: String, routerPort: Int, publisherPort: Int, dataDirectory: URL) async throws {
        self.binary = binary
        self.routerPort = routerPort
        self.publisherPort = publisherPort
        self.dataDirectory = dataDirectory
        current = try await BrokerProcess.start(
            binary: binary, routerPort: routerPort, publisherPort: publisherPort, dataDirectory: dataDirectory)
    }

    nonisolated var router: String { "tcp://127.0.0.1:\(routerPort)" }
    nonisolated var publisher: String { "tcp://127.0.0.1:\(publisherPort)" }

    /// SIGKILL, then start again on the same files after `downtime`.
    func killAndRestart(downtime: Duration) async throws {
        current.process.signal(SIGKILL)
        _ = await current.process.waitForExit(timeout: .seconds(10))
        kills += 1
        try await Task.sleep(for: downtime)
        try await restart()
    }

    /// Samples memory; a broker that died without being killed is a crash: it is noted,
    /// and started again so that the run can finish.
    func check() async throws {
        if let sample = current.sample {
            peakResidentBytes = max(peakResidentBytes, sample.residentBytes)
            return
        }
        guard !current.process.isRunning else { return }
        crashes.append("the broker exited by itself; its last output: \(current.process.lines.suffix(15).joined(separator: " | "))")
        try await restart()
    }

    /// SIGTERM and wait (graceful stop, so the journal is closed cleanly).
    func stop() async {
        await current.process.stop()
    }

    private func restart() async throws {
        current = try await BrokerProcess.start(
            binary: binary, routerPort: routerPort, publisherPort: publisherPort, dataDirectory: dataDirectory)
    }
}
