import Foundation
import TestSupport
import Testing

/// The multi-host test: broker and two agents in their own network namespaces, CURVE on;
/// a task moves to the second agent when the first one's link goes down. Runs
/// scripts/netns-test.sh, so it needs root and `ip`; skipped elsewhere.
@Suite struct SecurityNetnsTests {
    static let script = TestEnvironment.repositoryRoot.appendingPathComponent("scripts/netns-test.sh").path

    /// Root, `ip`, and a kernel that lets us make a namespace (a container may not).
    static func canMakeNamespaces() -> Bool {
        guard geteuid() == 0, let ip = ["/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip"].first(where: FileManager.default.isExecutableFile) else {
            return false
        }
        let name = "cct-probe-\(getpid())"
        return run(ip, ["netns", "add", name]) && run(ip, ["netns", "del", name])
    }

    private static func run(_ executable: String, _ arguments: [String]) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    @Test(.enabled(if: canMakeNamespaces(), "needs root, `ip` and permission to create network namespaces"),
          .timeLimit(.minutes(5)))
    func aTaskMovesToTheOtherAgentWhenItsAgentsLinkGoesDown() async throws {
        let test = try ChildProcess("netns-test", executable: "/bin/bash", arguments: [Self.script, TestEnvironment.clusterExecutable],
                                    environment: ["NETNS_TEST_LIMIT": "240"])
        let status = await test.waitForExit(timeout: .seconds(270))
        if status == nil {
            // The script's trap removes its namespaces: let it finish.
            test.signal(SIGTERM)
            await test.waitForExit(timeout: .seconds(20))
        }
        #expect(status == 0, "\(test.text)")
        #expect(test.text.contains("netns-test: PASS"), "\(test.text)")
    }
}
