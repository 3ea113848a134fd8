import Foundation
import Logging
import Synchronization
import TestSupport
import Testing
import Wire

@testable import Broker

/// A real broker whose journal sync is held back: what it sends while its commit is not
/// yet on disk.
@Suite(.serialized, .timeLimit(.minutes(2))) struct BrokerSyncOrderTests {
    /// Holds every sync until opened, and remembers whether one was ever held.
    final class SyncGate: Sendable {
        private let open = Atomic<Bool>(false)
        private let entered = Atomic<Bool>(false)
        private let release = DispatchSemaphore(value: 0)
        private let earlyAcknowledgement = Atomic<Bool>(false)

        var wasEntered: Bool { entered.load(ordering: .acquiring) }
        var isOpen: Bool { open.load(ordering: .acquiring) }
        /// Whether ``noteAcknowledgement()`` came while the gate was shut.
        var acknowledgedWhileShut: Bool { earlyAcknowledgement.load(ordering: .acquiring) }

        func noteAcknowledgement() {
            if !isOpen { earlyAcknowledgement.store(true, ordering: .releasing) }
        }

        /// On the syncer's thread: waits while the gate is shut.
        func pass() {
            guard !isOpen else { return }
            entered.store(true, ordering: .releasing)
            release.wait()
        }

        func openGate() {
            open.store(true, ordering: .releasing)
            release.signal()
        }
    }

    @Test func aSubmitIsAcknowledgedOnlyOnceItsCommitIsSynced() async throws {
        let gate = SyncGate()
        let directory = try TestEnvironment.temporaryDirectory("sync-order")
        var settings = BrokerSettings(routerEndpoint: "tcp://127.0.0.1:*", publisherEndpoint: "tcp://127.0.0.1:*", dataDirectory: directory)
        settings.journalSyncWillStart = { gate.pass() }
        let broker = try BrokerService(settings: settings, logger: Logger(label: "test-broker"))
        defer { Task { await broker.stop() } }
        let context = try ZMQContext()
        let client = try ClusterClient(context: context, endpoints: [broker.endpoints.router], options: .init(timeout: .seconds(30), attempts: 1))
        defer { client.close() }

        let submission = Task {
            let record = try await client.submit(TaskSpec(title: "held", description: "wait for the disk", target: "nobody"))
            gate.noteAcknowledgement()
            return record
        }
        // The batch with the submit is committed and its sync is under way (held).
        #expect(await TestEnvironment.eventually { gate.wasEntered })
        // Not a synchronisation: time for a wrongly early acknowledgement to arrive. A
        // correct broker passes however long this is.
        try await Task.sleep(for: .milliseconds(300))
        #expect(!gate.acknowledgedWhileShut)
        gate.openGate()
        let record = try await submission.value
        #expect(!gate.acknowledgedWhileShut, "the submit was acknowledged before its commit was synced")
        #expect(record.state == .queued)
        // Once synced, the task is in the journal as acknowledged.
        #expect(try await client.task(id: record.id)?.task.id == record.id)
    }
}
