import Foundation
import Testing
@testable import AgentNode

#if canImport(Glibc)
import Glibc
#endif

@Suite("Limits: /proc sampling and the limit policy")
struct LimitsTests {
    static func stat(pid: Int32, parent: Int32, group: Int32 = 1, state: Character = "S", utime: Int = 0, stime: Int = 0, rss: Int = 0) -> ProcessStat {
        let line = "\(pid) (worker (x) y) \(state) \(parent) \(group) \(group) 0 -1 4194560 100 0 0 0 \(utime) \(stime) 0 0 20 0 1 0 1000 123456 \(rss) 18446744073709551615"
        return ProcessStat(statLine: line)!
    }

    @Test func parsesAStatLineWithParenthesesInTheName() throws {
        let line = "4242 (tmux: server (1)) R 1 4242 4242 0 -1 4194560 1000 0 0 0 150 50 7 3 20 0 1 0 5000 9999 321 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0"
        let stat = try #require(ProcessStat(statLine: line))
        #expect(stat.pid == 4242 && stat.command == "tmux: server (1)" && stat.state == "R")
        #expect(stat.parentPID == 1 && stat.processGroup == 4242)
        #expect(stat.cpuTicks == 150 + 50 + 7 + 3)
        #expect(stat.residentPages == 321)
        #expect(ProcessStat(statLine: "garbage") == nil)
        #expect(ProcessStat(statLine: "12 (short) S 1 2") == nil)
    }

    @Test func treeFollowsParentLinks() {
        let table = ProcessTable(processes: [
            Self.stat(pid: 10, parent: 1), Self.stat(pid: 11, parent: 10), Self.stat(pid: 12, parent: 11),
            Self.stat(pid: 20, parent: 1), Self.stat(pid: 13, parent: 10, group: 13, state: "Z"),
        ])
        #expect(Set(table.tree(rootedAt: 10).map(\.pid)) == [10, 11, 12, 13])
        #expect(table.tree(rootedAt: 99).isEmpty)
        #expect(table.liveMembers(ofGroup: 13).isEmpty)
        #expect(table.liveMembers(ofGroup: 1).count == 4)
    }

    @Test func cpuPercentComesFromTheDifferenceBetweenSamples() {
        var sampler = ProcessTreeSampler(rootPID: 10, procRoot: "/nonexistent")
        let start = ContinuousClock.now
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        let pageSize = UInt64(sysconf(Int32(_SC_PAGESIZE)))
        let first = sampler.sample(
            from: ProcessTable(processes: [Self.stat(pid: 10, parent: 1, utime: 100, rss: 10), Self.stat(pid: 11, parent: 10, stime: 50, rss: 5)]),
            at: start)
        #expect(first.cpuPercent == 0)
        #expect(first.residentBytes == 15 * pageSize)
        #expect(first.processCount == 2)
        // Two seconds later the tree used 1.5 s of CPU: 75% of one core.
        let used = Int(1.5 * ticks)
        let second = sampler.sample(
            from: ProcessTable(processes: [Self.stat(pid: 10, parent: 1, utime: 100 + used, rss: 10), Self.stat(pid: 11, parent: 10, stime: 50, rss: 5)]),
            at: start + .seconds(2))
        #expect(abs(second.cpuPercent - 75) < 0.5)
        // A child leaving makes the total drop: reported as idle, not negative.
        let third = sampler.sample(from: ProcessTable(processes: [Self.stat(pid: 10, parent: 1, utime: 100 + used)]), at: start + .seconds(3))
        #expect(third.cpuPercent == 0 && third.processCount == 1)
    }

    @Test func samplesThisProcessFromProc() {
        var sampler = ProcessTreeSampler()
        let sample = sampler.sample(at: .now)
        #expect(sample.processCount >= 1)
        #expect(sample.residentBytes > 1 << 20)
    }

    @Test func policyReportsEachLimitCrossed() {
        let policy = ResourceLimitPolicy(maxCPUPercent: 150, maxResidentBytes: 1 << 30)
        #expect(policy.breaches(in: ResourceSample(cpuPercent: 100, residentBytes: 1 << 20, processCount: 3)).isEmpty)
        let both = policy.breaches(in: ResourceSample(cpuPercent: 180, residentBytes: 2 << 30, processCount: 3))
        #expect(both == [.cpu(percent: 180, limit: 150), .memory(bytes: 2 << 30, limit: 1 << 30)])
        #expect(both.map(\.resource) == ["cpu", "memory"])
        #expect(both[1].description == "resident memory of 2048 MiB is over the limit of 1024 MiB")
        #expect(ResourceLimitPolicy().breaches(in: ResourceSample(cpuPercent: 1e9, residentBytes: .max, processCount: 1)).isEmpty)
    }
}
