import Foundation
import Synchronization
import Testing
import Wire

@testable import Broker

/// The deferred sync: what the broker holds until the disk has its commit, and the
/// syncer that tells it so.
@Suite struct JournalSyncTests {
    static func line(_ text: String) -> BrokerAction { .log(.info, text) }

    @Test func aBatchThatWroteWaitsForTheSyncOfItsCommit() {
        var held = HeldActions()
        let first = held.add([Self.line("ack 1")], committed: true)
        #expect(first.perform.isEmpty && first.sync == 1)
        #expect(held.synced(upTo: 0).isEmpty)
        #expect(held.synced(upTo: 1) == [Self.line("ack 1")])
        #expect(held.isEmpty)
    }

    @Test func nothingOvertakesABatchThatWaits() {
        var held = HeldActions()
        _ = held.add([Self.line("ack 1")], committed: true)
        let plain = held.add([Self.line("heartbeat")], committed: false)
        #expect(plain.perform.isEmpty && plain.sync == nil)
        _ = held.add([Self.line("ack 2"), Self.line("event 2")], committed: true)
        let late = held.add([Self.line("reply 3")], committed: false)
        #expect(late.perform.isEmpty)
        // The first sync releases the first commit and what came after it, up to the second.
        #expect(held.synced(upTo: 1) == [Self.line("ack 1"), Self.line("heartbeat")])
        #expect(held.synced(upTo: 2) == [Self.line("ack 2"), Self.line("event 2"), Self.line("reply 3")])
        #expect(held.isEmpty)
    }

    @Test func withNothingHeldABatchThatWroteNothingLeavesAtOnce() {
        var held = HeldActions()
        #expect(held.add([Self.line("echo")], committed: false).perform == [Self.line("echo")])
        _ = held.add([Self.line("ack 1")], committed: true)
        _ = held.add([Self.line("ack 2")], committed: true)
        // One sync can cover several commits.
        #expect(held.synced(upTo: 2) == [Self.line("ack 1"), Self.line("ack 2")])
        #expect(held.add([Self.line("echo")], committed: false).perform == [Self.line("echo")])
        #expect(held.lastTicket == 2)
    }

    @Test func stoppingReleasesEverythingInOrder() {
        var held = HeldActions()
        _ = held.add([Self.line("a")], committed: true)
        _ = held.add([Self.line("b")], committed: false)
        _ = held.add([Self.line("c")], committed: true)
        #expect(held.releaseAll() == ["a", "b", "c"].map(Self.line))
        #expect(held.isEmpty)
    }

    @Test func aDeferredSyncJournalRunsSQLiteAtNormalAndOnlyWithFull() throws {
        var options = JournalOptions()
        options.deferredSync = true
        try withJournal(options: options) { journal, _ in
            let synchronous = try journal.pragma("synchronous")
            #expect(synchronous == "1")  // NORMAL: the syncer does FULL's part
            #expect(journal.options.deferredSync)
        }
        options.synchronous = .normal
        try withJournal(options: options) { journal, _ in
            #expect(!journal.options.deferredSync)
        }
    }

    @Test func theSyncerSyncsTheJournalsLogAndReportsTheNewestTicket() async throws {
        var options = JournalOptions()
        options.deferredSync = true
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("journal-sync-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let journal = try TaskJournal(directory: directory, options: options)
        defer { try? journal.close() }
        try journal.commit([.upsert(journalTask("T1"))])
        #expect(FileManager.default.fileExists(atPath: journal.path + "-wal"))

        let (reports, continuation) = AsyncStream.makeStream(of: UInt64.self)
        let syncer = JournalSyncer(
            journal: journal, synced: { continuation.yield($0) },
            failed: { Issue.record("the sync failed: \($0)") })
        syncer.request(1)
        var iterator = reports.makeAsyncIterator()
        #expect(await iterator.next() == 1)
        #expect(syncer.covered == 1)
        try journal.commit([.upsert(journalTask("T2"))])
        syncer.request(2)
        #expect(await iterator.next() == 2)
        syncer.stop()
        try syncer.syncNow()
    }

    @Test func requestsDuringASyncAreCoveredByOneMoreSync() async throws {
        let gate = DispatchSemaphore(value: 0)
        let syncs = Atomic<Int>(0)
        let (reports, continuation) = AsyncStream.makeStream(of: UInt64.self)
        let syncer = JournalSyncer(
            sync: { () throws(JournalError) in
                if syncs.add(1, ordering: .relaxed).newValue == 1 { gate.wait() }
            },
            synced: { continuation.yield($0) },
            failed: { Issue.record("the sync failed: \($0)") })
        syncer.request(1)
        // Once the first sync is under way, ask three more times.
        while syncs.load(ordering: .relaxed) == 0 { try await Task.sleep(for: .milliseconds(1)) }
        syncer.request(2)
        syncer.request(3)
        syncer.request(4)
        gate.signal()
        var iterator = reports.makeAsyncIterator()
        #expect(await iterator.next() == 1)
        #expect(await iterator.next() == 4)
        #expect(syncs.load(ordering: .relaxed) == 2)
        syncer.stop()
    }

    @Test func aFailedSyncIsReportedAndEndsSyncing() async throws {
        let (failures, continuation) = AsyncStream.makeStream(of: JournalError.self)
        let syncer = JournalSyncer(
            sync: { () throws(JournalError) in throw .syncFailed(path: "/data/journal.sqlite", reason: "EIO") },
            synced: { _ in Issue.record("a failed sync was reported as done") },
            failed: { continuation.yield($0) })
        syncer.request(1)
        var iterator = failures.makeAsyncIterator()
        let failure = await iterator.next()
        #expect(failure == .syncFailed(path: "/data/journal.sqlite", reason: "EIO"))
        #expect(failure?.description.contains("check the disk") == true)
        syncer.stop()
        #expect(syncer.covered == 0)
    }
}
