import Foundation
import Testing
import TestSupport

/// `claude-cluster submit` refuses a task over the size limit before it reaches the bus.
@Suite struct SubmitSizeTests {
    @Test func aPromptFileOver512KiBIsRefusedWithExit64() async throws {
        let folder = try TestEnvironment.temporaryDirectory("submit-size")
        defer { try? FileManager.default.removeItem(at: folder) }
        let big = folder.appendingPathComponent("prompt.md")
        try Data(String(repeating: "z", count: 600 * 1024).utf8).write(to: big)
        // No broker listens there: the refusal comes before any connection.
        let child = try ChildProcess(
            "submit", executable: TestEnvironment.clusterExecutable,
            arguments: ["submit", "--title", "Big", "--prompt-file", big.path, "--broker", "tcp://127.0.0.1:9"])
        let status = await child.waitForExit(timeout: .seconds(30))
        #expect(status == 64)
        #expect(child.text.contains("over the limit of 524288 bytes (512 KiB)"))
    }
}
