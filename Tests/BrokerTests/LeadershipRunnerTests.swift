@testable import Broker
import Foundation
import Logging
import Synchronization
import TestSupport
import Testing
import Wire

/// The election's shell with a real broker and an in-memory lease: a standby serves
/// nothing, a broker that takes the lease binds and reports its leadership, and one that
/// loses the link to the lease stops serving within its lease and exits with the reason.
@Suite(.timeLimit(.minutes(2))) struct LeadershipRunnerTests {
    /// Short timings so the test takes a second or two, yet loose enough for a busy
    /// machine (a renewal late by 1 s would step the broker down): renew every 500 ms,
    /// lease 1.5 s.
    let policy = LeadershipPolicy(heartbeat: .milliseconds(500), leaseHeartbeats: 3, pollInterval: .milliseconds(25))

    func runner(_ store: MemoryLeaseStore, name: String, directory: URL, started: Counter? = nil) -> LeadershipRunner {
        LeadershipRunner(policy: policy, store: store.client(name), logger: Logger(label: "test.\(name)")) { record in
            started?.increment()
            var settings = BrokerSettings(routerEndpoint: "tcp://127.0.0.1:*", publisherEndpoint: "tcp://127.0.0.1:*", dataDirectory: directory)
            settings.state.heartbeat = HeartbeatPolicy(interval: .milliseconds(100), liveness: 3)
            #expect(record.holder == name)
            return try BrokerService(settings: settings, logger: Logger(label: "test.broker.\(name)"))
        }
    }

    @Test func aStandbyServesNothingUntilTheLeaseIsFreeThenTakesOverAndReportsIt() async throws {
        let store = MemoryLeaseStore()
        store.heldElsewhere(for: .seconds(3_600))
        let started = Counter()
        let runner = runner(store, name: "b1", directory: try TestEnvironment.temporaryDirectory("ha-runner"), started: started)
        let running = Task { try await runner.run() }
        defer { running.cancel() }
        #expect(await TestEnvironment.eventually(timeout: .seconds(10)) { store.pollCount >= 5 })
        #expect(started.value == 0, "a standby started a broker while another held the lease")
        #expect(runner.serving == nil)
        store.releaseElsewhere()
        #expect(await TestEnvironment.eventually(timeout: .seconds(10)) { runner.serving != nil })
        #expect(store.holder == "b1")
        #expect(store.epoch == 2)
        let broker = try #require(runner.serving)
        let client = try ClusterClient(context: try ZMQContext(), endpoints: [broker.endpoints.router], options: .init(timeout: .seconds(2), attempts: 2))
        defer { client.close() }
        #expect(await TestEnvironment.eventually(timeout: .seconds(10)) {
            try await client.info().leadership?.active == "b1"
        })
        let leadership = try await client.info().leadership
        #expect(leadership?.epoch == 2)
        runner.shutDown()
        try await running.value
        #expect(runner.serving == nil)
    }

    @Test func losingTheLinkToTheLeaseStopsServingWithinTheLeaseAndThrowsTheReason() async throws {
        let store = MemoryLeaseStore()
        let runner = runner(store, name: "b1", directory: try TestEnvironment.temporaryDirectory("ha-runner-lost"))
        let running = Task { try await runner.run() }
        #expect(await TestEnvironment.eventually(timeout: .seconds(10)) { runner.serving != nil })
        let lost = ContinuousClock.now
        store.setUnreachable(true)
        await #expect(throws: LeadershipLost.self) { try await running.value }
        // The first failed renewal steps down: well within the 1.5 s lease.
        #expect(ContinuousClock.now - lost < policy.lease)
        #expect(runner.serving == nil)
    }

    @Test func aGracefulStopResignsSoTheNextBrokerTakesOverAtOnce() async throws {
        let store = MemoryLeaseStore()
        let first = runner(store, name: "b1", directory: try TestEnvironment.temporaryDirectory("ha-runner-resign"))
        let running = Task { try await first.run() }
        #expect(await TestEnvironment.eventually(timeout: .seconds(10)) { first.serving != nil })
        first.shutDown()
        try await running.value
        // Resigned: the lease is free now, not in 1.5 s.
        let next = try await store.client("b2").poll(lease: .seconds(60))
        guard case .acquired(let record) = next else {
            Issue.record("the lease was still held after a resignation: \(next)")
            return
        }
        #expect(record.epoch == 2)
    }
}

/// A thread-safe count for closures the test hands out.
final class Counter: Sendable {
    private let count = Mutex(0)
    func increment() { count.withLock { $0 += 1 } }
    var value: Int { count.withLock { $0 } }
}
