import Foundation
import Testing
import Wire
@testable import AgentNode

#if canImport(Glibc)
import Glibc
#endif

@Suite("runAsUser: resolution and application")
struct RunAsUserTests {
    let worker = RunnerIdentity(name: "worker", uid: 1500, gid: 1500, groups: [1500, 27], home: "/home/worker")

    @Test func decisions() throws {
        let lookUp: (String) -> RunnerIdentity? = { [worker] name in
            switch name {
            case "worker": worker
            case "toor": RunnerIdentity(name: "toor", uid: 0, gid: 0, groups: [0], home: "/root")
            default: nil
            }
        }
        #expect(try RunAsDecision.decide(runAsUser: nil, effectiveUID: 0, lookUp: lookUp) == .currentUser)
        #expect(try RunAsDecision.decide(runAsUser: " ", effectiveUID: 0, lookUp: lookUp) == .currentUser)
        #expect(try RunAsDecision.decide(runAsUser: "worker", effectiveUID: 0, lookUp: lookUp) == .switchTo(worker))
        guard case .ignored(let reason) = try RunAsDecision.decide(runAsUser: "worker", effectiveUID: 1000, lookUp: lookUp) else {
            Issue.record("a non-root agent must not switch user")
            return
        }
        #expect(reason.contains("uid 1000"))
        #expect(throws: RunAsUserError.unknownUser("ghost")) {
            try RunAsDecision.decide(runAsUser: "ghost", effectiveUID: 0, lookUp: lookUp)
        }
        #expect(throws: RunAsUserError.privilegedUser("toor")) {
            try RunAsDecision.decide(runAsUser: "toor", effectiveUID: 0, lookUp: lookUp)
        }
    }

    @Test func looksUpRealAccounts() throws {
        let root = try #require(RunnerIdentity.lookUp("root"))
        #expect(root.uid == 0 && root.gid == 0 && root.groups.contains(0))
        #expect(RunnerIdentity.lookUp("no-such-user-\(getpid())") == nil)
    }

    @Test(.enabled(if: geteuid() == 0 && RunnerIdentity.lookUp("nobody") != nil, "needs root and the nobody account"))
    func runnerRunsAsTheConfiguredUser() async throws {
        let nobody = try #require(RunnerIdentity.lookUp("nobody"))
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: temp.url.path)
        let invocation = RunnerInvocation(
            executable: "/bin/sh", arguments: ["-c", "id -u; id -g; id -G; echo $HOME"], workingDirectory: temp.url,
            identity: nobody, timeout: .seconds(10))
        let report = await TaskRunner().run(invocation) { _ in }
        #expect(report.termination == .exited(0), "\(report.stderrTail)")
        let lines = report.transcriptTail.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        #expect(lines.first == String(nobody.uid))
        #expect(lines.dropFirst().first == String(nobody.gid))
        // Root's supplementary groups are dropped.
        #expect(!(lines.dropFirst(2).first ?? "").split(separator: " ").contains("0"))
        #expect(lines.last == nobody.home)
    }
}
