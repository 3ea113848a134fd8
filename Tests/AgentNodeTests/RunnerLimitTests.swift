import Foundation
import TestSupport
import Testing
import Wire
@testable import AgentNode

@Suite("Runner limits: the decision, sample by sample")
struct RunnerLimitEnforcerTests {
    private static let mib: UInt64 = 1_048_576
    private let limits = RunnerLimits(
        policy: ResourceLimitPolicy(maxCPUPercent: 100, maxResidentBytes: 2048 * mib), consecutiveSamples: 3)

    private func sample(cpu: Double = 10, mb: UInt64 = 100) -> ResourceSample {
        ResourceSample(cpuPercent: cpu, residentBytes: mb * Self.mib, processCount: 2)
    }

    @Test func stopsAfterTheConfiguredSamplesInARowWithTheReason() {
        var enforcer = RunnerLimitEnforcer(limits: limits)
        #expect(enforcer.observe(sample(mb: 2150)) == .over(inARow: 1))
        #expect(enforcer.observe(sample(mb: 2150)) == .over(inARow: 2))
        #expect(enforcer.observe(sample(mb: 2150)) == .stop(reason: "memory 2,150 MB over the 2,048 MB limit"))
    }

    @Test func aSampleWithinLimitsStartsTheCountAgain() {
        var enforcer = RunnerLimitEnforcer(limits: limits)
        _ = enforcer.observe(sample(cpu: 180))
        _ = enforcer.observe(sample(cpu: 180))
        #expect(enforcer.observe(sample(cpu: 50)) == .withinLimits)
        #expect(enforcer.observe(sample(cpu: 180)) == .over(inARow: 1))
        #expect(enforcer.observe(sample(cpu: 180)) == .over(inARow: 2))
        #expect(enforcer.observe(sample(cpu: 180)) == .stop(reason: "CPU 180% over the 100% limit"))
    }

    @Test func bothLimitsAreNamedWhenBothAreCrossed() {
        var enforcer = RunnerLimitEnforcer(limits: RunnerLimits(policy: limits.policy, consecutiveSamples: 1))
        #expect(enforcer.observe(sample(cpu: 250, mb: 4096))
            == .stop(reason: "CPU 250% over the 100% limit; memory 4,096 MB over the 2,048 MB limit"))
    }

    @Test func spikesShorterThanTheWindowNeverStop() {
        var enforcer = RunnerLimitEnforcer(limits: limits)
        for _ in 0..<20 {
            #expect(enforcer.observe(sample(mb: 3000)) == .over(inARow: 1))
            #expect(enforcer.observe(sample(mb: 3000)) == .over(inARow: 2))
            #expect(enforcer.observe(sample(mb: 10)) == .withinLimits)
        }
    }

    @Test func groupedNumbers() {
        #expect(GroupedNumberText.text(0) == "0")
        #expect(GroupedNumberText.text(999) == "999")
        #expect(GroupedNumberText.text(2150) == "2,150")
        #expect(GroupedNumberText.text(1_234_567) == "1,234,567")
        #expect(GroupedNumberText.text(-4096) == "-4,096")
    }
}

@Suite("Runner limits: stop_task stops a runner that allocates")
struct RunnerLimitStopTests {
    /// An executor whose runner holds 160 MiB and starts a child, both writing their pids
    /// to the returned file, under a memory limit sampled every 100 ms.
    static func allocatingRunner(memoryLimitMB: UInt64, samples: Int) async throws -> (ExecutorHarness, URL) {
        var harness = try await ExecutorHarness()
        let pidsFile = harness.temp.path("alloc.pids")
        harness.settings.runner = RunnerCommand(template: [Fixtures.directory.appendingPathComponent("allocating-runner").path])
        harness.settings.environment["ALLOC_MB"] = "160"
        harness.settings.environment["ALLOC_PIDS"] = pidsFile.path
        harness.settings.runnerLimits = RunnerLimits(
            policy: ResourceLimitPolicy(maxResidentBytes: memoryLimitMB * 1_048_576), consecutiveSamples: samples,
            sampleInterval: .milliseconds(100))
        return (harness, pidsFile)
    }

    @Test func aRunnerOverItsMemoryLimitIsStoppedAndTheTaskFailsWithTheReason() async throws {
        let (harness, pidsFile) = try await Self.allocatingRunner(memoryLimitMB: 64, samples: 2)
        defer { harness.temp.remove() }

        let started = ContinuousClock.now
        let (result, progress) = try await harness.run(ExecutorHarness.assignment(timeout: 100))

        #expect(result.outcome == .failed)
        let error = try #require(result.error)
        #expect(error.hasPrefix("stopped for a resource limit: memory "), "\(error)")
        #expect(error.hasSuffix(" MB over the 64 MB limit"), "\(error)")
        #expect(result.summary.contains("over the 64 MB limit"))
        #expect(progress.contains { $0.message.contains("stopped the runner: memory") })
        // Stopped by the limit, long before the runner's own two minutes or the time limit.
        #expect(ContinuousClock.now - started < .seconds(60))
        // The whole process group is gone: the runner and the child it started.
        let text = try String(contentsOf: pidsFile, encoding: .utf8)
        let pids = text.split(whereSeparator: \.isWhitespace).compactMap { Int32($0) }
        #expect(pids.count == 2)
        #expect(await TestEnvironment.eventually(timeout: .seconds(5)) { !pids.contains(where: isAlive) }, "still alive: \(pids.filter(isAlive))")
    }

    @Test func withoutLimitsTheSameRunnerIsNotStopped() async throws {
        // A limit above what it holds: it runs into its time limit instead.
        let (harness, _) = try await Self.allocatingRunner(memoryLimitMB: 4096, samples: 1)
        defer { harness.temp.remove() }
        let (result, _) = try await harness.run(ExecutorHarness.assignment(timeout: 3))
        #expect(result.outcome == .timedOut)
        #expect(result.error?.contains("resource limit") != true)
    }
}
