import Foundation
import TestSupport
import Testing

/// The CI-sized fault suite: `cluster-bench fault` with a few hundred tasks, one broker
/// SIGKILL, workers killed at random, and random frames and HTTP requests throughout.
/// The full-sized run (2,000 tasks, two broker kills) is scripts/fault-suite.sh.
@Suite(.serialized) struct FaultSuiteTests {
    /// `cluster-bench`, built next to `claude-cluster` by `swift build --build-tests`.
    static var benchExecutable: String {
        URL(fileURLWithPath: TestEnvironment.clusterExecutable).deletingLastPathComponent()
            .appendingPathComponent("cluster-bench").path
    }

    @Test func tasksSurviveKilledWorkersAKilledBrokerAndFuzzing() async throws {
        let bench = Self.benchExecutable
        try #require(FileManager.default.isExecutableFile(atPath: bench), "build it first: swift build --build-tests")
        let suite = try ChildProcess("fault-suite", executable: bench, arguments: [
            "fault", "--tasks", "300", "--workers", "4", "--work-ms", "20", "--broker-kills", "1",
            "--agent-kill-every", "1.5", "--frames-per-second", "300", "--http-per-second", "20", "--time-limit", "100",
            "--cluster-binary", TestEnvironment.clusterExecutable,
            "--worker-script", TestEnvironment.interopScript("mdp_worker.py"),
        ])
        let status = await suite.waitForExit(timeout: .seconds(115))
        if status == nil { suite.signal(SIGKILL) }
        let output = suite.text
        #expect(status == 0, "fault suite output:\n\(output)")
        #expect(output.contains("tasks lost: 0"), "\(output)")
        #expect(output.contains("results recorded twice: 0"), "\(output)")
        #expect(output.contains("results offered twice, let through to the journal: 0"), "\(output)")
        #expect(!output.contains("results offered twice, refused by the broker: 0"), "no second result was offered:\n\(output)")
        #expect(output.contains("killing the broker"), "the broker was never killed:\n\(output)")
        #expect(output.contains("FAULT SUITE PASSED"), "\(output)")
    }
}
