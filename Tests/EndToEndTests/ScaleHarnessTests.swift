import Foundation
import TestSupport
import Testing

/// Benchmark part 6's harness at a small scale: its simulated agents really run in several
/// processes (the broker's own agent list names each agent's process), and a burst of one
/// task per agent reaches every agent. No timing is asserted.
@Suite(.serialized) struct ScaleHarnessTests {
    @Test func simulatedAgentsAreSpreadOverProcessesAndTheBurstReachesEachOne() async throws {
        let bench = FaultSuiteTests.benchExecutable
        try #require(FileManager.default.isExecutableFile(atPath: bench), "build it first: swift build --build-tests")
        let run = try ChildProcess("scale-bench", executable: bench, arguments: [
            "run", "--only", "6", "--scale-agents", "60", "--scale-processes", "3", "--scale-threads", "1",
            "--idle-seconds", "1", "--burst", "60", "--hold-ms", "300",
            "--cluster-binary", TestEnvironment.clusterExecutable,
        ])
        let status = await run.waitForExit(timeout: .seconds(150))
        if status == nil { run.signal(SIGKILL) }
        let output = run.text
        #expect(!output.contains("part 6 failed"), "\(output)")
        let hosts = try #require(output.split(separator: "\n").first { $0.contains("agents by process") }, "\(output)")
        // "…: 3 processes: bench-<pid> 20, bench-<pid> 20, bench-<pid> 20"
        #expect(hosts.contains("3 processes:"), "\(hosts)")
        let listed = hosts.split(separator: ":").last.map { $0.split(separator: ",") } ?? []
        let pids = Set(listed.compactMap { entry -> String? in
            let words = entry.split(separator: " ")
            guard words.count == 2, words[0].hasPrefix("bench-"), words[1] == "20" else { return nil }
            return String(words[0])
        })
        #expect(pids.count == 3, "three processes of 20 agents each: \(hosts)")
        #expect(output.contains("60 of 60 agents ran tasks; per agent min 1, max 1"), "\(output)")
    }
}
