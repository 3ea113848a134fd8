import Foundation
import TestSupport
import Testing

/// The HA fault test: `cluster-bench ha` with two brokers on one throwaway PostgreSQL,
/// three real agents and 2,000 tasks, the active broker SIGKILLed twice during the run:
/// every task finishes, each result is recorded once, none is lost.
@Suite(.serialized, .enabled(if: TestPostgres.isAvailable, Comment(rawValue: TestPostgres.skipReason)))
struct HASuiteTests {
    @Test(.timeLimit(.minutes(15)))
    func tasksSurviveTwoKillsOfTheActiveBroker() async throws {
        let bench = FaultSuiteTests.benchExecutable
        try #require(FileManager.default.isExecutableFile(atPath: bench), "build it first: swift build --build-tests")
        let suite = try ChildProcess("ha-suite", executable: bench, arguments: [
            "ha", "--tasks", "2000", "--kills", "2", "--agents", "3", "--capacity", "4", "--time-limit", "780",
            "--cluster-binary", TestEnvironment.clusterExecutable,
            // The suite runs beside other tests on two cores: the time is a benchmark figure.
            "--no-takeover-goal",
        ])
        let status = await suite.waitForExit(timeout: .seconds(840))
        if status == nil { suite.signal(SIGKILL) }
        let output = suite.text
        #expect(status == 0, "ha suite output:\n\(output)")
        #expect(output.contains("tasks lost: 0"), "\(output)")
        #expect(output.contains("results recorded twice: 0"), "\(output)")
        #expect(output.contains("killed b"), "the active broker was never killed:\n\(output)")
        #expect(output.contains("HA SUITE PASSED"), "\(output)")
    }
}
