@testable import Broker
import Foundation
import Logging
import PostgresNIO
import TestSupport
import Testing

/// The lease's SQL against a real PostgreSQL: only a free or expired lease is taken, each
/// take increments the epoch, a renewal of a lease that is not ours (or that expired) fails,
/// a resignation frees it, and standbys are listed while they poll.
@Suite(.enabled(if: TestPostgres.isAvailable, Comment(rawValue: TestPostgres.skipReason)),
       .timeLimit(.minutes(2)))
struct LeadershipStoreTests {
    func withStores(_ body: (LeadershipStore, LeadershipStore) async throws -> Void) async throws {
        let database = try await TestPostgres.freshDatabase("lease")
        var configuration = PostgresClient.Configuration(
            host: "127.0.0.1", port: database.server.port, username: database.server.user,
            password: database.password, database: database.name, tls: .disable)
        configuration.options.maximumConnections = 2
        let logger = Logger(label: "test.lease")
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        let running = Task { await client.run() }
        defer { running.cancel() }
        try await body(
            LeadershipStore(client: client, holder: "b1", endpoint: "tcp://10.0.0.1:5555", logger: logger),
            LeadershipStore(client: client, holder: "b2", endpoint: "tcp://10.0.0.2:5555", logger: logger))
    }

    @Test func onlyAFreeOrExpiredLeaseIsTakenAndEachTakeIncrementsTheEpoch() async throws {
        try await withStores { b1, b2 in
            guard case .acquired(let first) = try await b1.poll(lease: .milliseconds(800)) else {
                Issue.record("the first poll of an empty database did not take the lease")
                return
            }
            #expect(first.epoch == 1)
            #expect(first.holder == "b1")
            #expect(first.endpoint == "tcp://10.0.0.1:5555")
            #expect(try await b2.poll(lease: .seconds(3)) == .held(by: first))
            // Renewed: still b1's.
            #expect(try await b1.renew(epoch: 1, lease: .milliseconds(800)))
            guard case .held(let holder?) = try await b2.poll(lease: .seconds(3)) else {
                Issue.record("a renewed lease was taken")
                return
            }
            #expect(holder.holder == "b1" && holder.epoch == 1 && holder.leaseUntil > first.leaseUntil)
            // Left to expire (by the database's clock), it is b2's at the next epoch.
            try await Task.sleep(for: .milliseconds(1_000))
            guard case .acquired(let second) = try await b2.poll(lease: .seconds(3)) else {
                Issue.record("an expired lease was not taken")
                return
            }
            #expect(second.epoch == 2)
            #expect(second.holder == "b2")
            // The old holder can renew nothing now, not even its own name at its old epoch.
            #expect(try await b1.renew(epoch: 1, lease: .seconds(3)) == false)
            #expect(try await b1.renew(epoch: 2, lease: .seconds(3)) == false, "b1 may not renew b2's epoch")
            #expect(try await b2.renew(epoch: 2, lease: .seconds(3)))
        }
    }

    @Test func aLateRenewalNeverRevivesAnExpiredLease() async throws {
        try await withStores { b1, _ in
            _ = try await b1.poll(lease: .milliseconds(300))
            try await Task.sleep(for: .milliseconds(500))
            #expect(try await b1.renew(epoch: 1, lease: .seconds(3)) == false)
        }
    }

    @Test func aResignationFreesTheLeaseAtOnceAndStandbysAreListedWhilePolling() async throws {
        try await withStores { b1, b2 in
            _ = try await b1.poll(lease: .seconds(30))
            _ = try await b2.poll(lease: .seconds(30))
            let leadership = try #require(try await b1.leadership(standbysSeenWithin: .seconds(30)))
            #expect(leadership.active == "b1")
            #expect(leadership.epoch == 1)
            #expect(leadership.standbys.map(\.name) == ["b2"])
            try await b1.resign(epoch: 1)
            guard case .acquired(let taken) = try await b2.poll(lease: .seconds(30)) else {
                Issue.record("a resigned lease was not free")
                return
            }
            #expect(taken.epoch == 2)
            // The new active is no longer waiting.
            #expect(try await b2.leadership(standbysSeenWithin: .seconds(30))?.standbys.isEmpty == true)
        }
    }
}
