import Foundation
import TestSupport
import Testing

/// The HA partition test: PostgreSQL, two brokers and three agents in their own network
/// namespaces; the active broker's link goes down, it must step down within its lease
/// (exit 75), the standby takes over, and every task is stored once, finished, with one
/// result. Runs scripts/ha-partition-test.sh, so it needs root, `ip` and PostgreSQL's
/// server programs; skipped elsewhere.
@Suite struct HAPartitionTests {
    static let script = TestEnvironment.repositoryRoot.appendingPathComponent("scripts/ha-partition-test.sh").path

    static func hasPostgreSQL() -> Bool {
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        return versions.contains { FileManager.default.isExecutableFile(atPath: "/usr/lib/postgresql/\($0)/bin/pg_ctl") }
    }

    @Test(.enabled(if: SecurityNetnsTests.canMakeNamespaces() && hasPostgreSQL(),
                   "needs root, `ip`, permission to create network namespaces and PostgreSQL's server programs"),
          .timeLimit(.minutes(5)))
    func theActiveBrokerCutOffStepsDownAndTheStandbyTakesOverWithNothingLostOrDoubled() async throws {
        let test = try ChildProcess("ha-partition-test", executable: "/bin/bash", arguments: [Self.script, TestEnvironment.clusterExecutable],
                                    environment: ["HA_PARTITION_LIMIT": "240"])
        let status = await test.waitForExit(timeout: .seconds(270))
        if status == nil {
            // The script's trap removes its namespaces and stops PostgreSQL: let it finish.
            test.signal(SIGTERM)
            await test.waitForExit(timeout: .seconds(20))
        }
        #expect(status == 0, "\(test.text)")
        #expect(test.text.contains("ha-partition-test: PASS"), "\(test.text)")
    }
}
