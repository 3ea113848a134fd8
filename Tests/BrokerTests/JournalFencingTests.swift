import Foundation
import Testing
import TestSupport
import Wire

@testable import Broker

/// Every commit to the PostgreSQL journal proves, inside its transaction, that its broker
/// still leads (``JournalFence``); a deposed broker commits nothing.
@Suite(.enabled(if: TestPostgres.isAvailable, Comment(rawValue: TestPostgres.skipReason)))
struct JournalFencingTests {
    /// Makes `holder` the leader at `epoch`, with a lease of `leaseSeconds` by the database's clock.
    private func lead(_ spot: JournalSpot, holder: String, epoch: Int64, leaseSeconds: Int = 3_600) async throws {
        let database = try #require(spot.database)
        _ = try await database.server.sql("""
            INSERT INTO broker_leadership (holder, endpoint, epoch, since, lease_until)
            VALUES ('\(holder)', 'tcp://127.0.0.1:5555', \(epoch), now(), now() + interval '\(leaseSeconds) seconds')
            ON CONFLICT (singleton) DO UPDATE SET holder = excluded.holder, endpoint = excluded.endpoint,
                epoch = excluded.epoch, since = excluded.since, lease_until = excluded.lease_until
            """, database: database.name)
    }

    private func rowCounts(_ spot: JournalSpot) async throws -> String {
        let database = try #require(spot.database)
        return try await database.server.sql(
            "SELECT (SELECT count(*) FROM tasks) || '/' || (SELECT count(*) FROM progress) || '/' || (SELECT count(*) FROM results)",
            database: database.name)
    }

    @Test func aTakeoverMakesTheDeposedBrokersNextCommitFailAndStoreNothing() async throws {
        let spot = try await JournalSpot.make(.postgres)
        // The journal creates the leadership tables; the first broker leads at epoch 1.
        let journal = try #require(try spot.open(fence: JournalFence(holder: "broker-a", epoch: 1)) as? PostgresJournal)
        defer { try? journal.close() }
        try await lead(spot, holder: "broker-a", epoch: 1)
        try journal.commit([.upsert(journalTask("before"))])
        #expect(try await rowCounts(spot) == "1/0/0")

        // A second broker takes over and bumps the epoch.
        try await lead(spot, holder: "broker-b", epoch: 2)
        let batch: [JournalWrite] = [
            .upsert(journalTask("after")), .appendProgress(journalProgress("before", sequence: 1)),
            .recordResult(taskID: "before", attempt: 1, TaskResult(outcome: .succeeded, summary: "done")),
        ]
        #expect(throws: JournalError.deposed(location: journal.location, holder: "broker-a", epoch: 1)) {
            try journal.commit(batch)
        }
        #expect(try await rowCounts(spot) == "1/0/0")
        #expect(try journal.task(id: "after") == nil)

        // The new leader's fence commits.
        journal.fence = JournalFence(holder: "broker-b", epoch: 2)
        try journal.commit(batch)
        #expect(try await rowCounts(spot) == "2/1/1")
    }

    @Test func aLeaseThatRanOutByTheDatabasesClockDeposes() async throws {
        let spot = try await JournalSpot.make(.postgres)
        let journal = try spot.open(fence: JournalFence(holder: "broker-a", epoch: 4))
        defer { try? journal.close() }
        try await lead(spot, holder: "broker-a", epoch: 4, leaseSeconds: -1)
        #expect(throws: JournalError.deposed(location: journal.location, holder: "broker-a", epoch: 4)) {
            try journal.commit([.upsert(journalTask("late"))])
        }
        try await lead(spot, holder: "broker-a", epoch: 4)
        try journal.commit([.upsert(journalTask("renewed"))])
        #expect(try journal.task(id: "renewed") != nil)
    }

    @Test func noLeaderAtAllDeposesAFencedJournal() async throws {
        let spot = try await JournalSpot.make(.postgres)
        let journal = try spot.open(fence: JournalFence(holder: "broker-a", epoch: 1))
        defer { try? journal.close() }
        #expect(throws: JournalError.deposed(location: journal.location, holder: "broker-a", epoch: 1)) {
            try journal.commit([.upsert(journalTask("t-1"))])
        }
        #expect(try journal.counts().values.reduce(0, +) == 0)
    }
}
