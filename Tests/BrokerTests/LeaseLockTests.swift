@testable import Broker
import Foundation
import Logging
import NIOPosix
import PostgresNIO
import TestSupport
import Testing

/// The lease row's lock against a real PostgreSQL: the active broker's batches read it
/// `FOR SHARE` (the fence), so a standby's poll must not lock it while the lease is valid,
/// and a batch left open by a broker that lost its link must not keep the lease from a
/// standby once it expires (the server rolls it back: ``PostgresSessionLimits``).
@Suite(.enabled(if: TestPostgres.isAvailable, Comment(rawValue: TestPostgres.skipReason)),
       .timeLimit(.minutes(2)))
struct LeaseLockTests {
    let logger = Logger(label: "test.lease-lock")

    func withStore(_ body: (LeadershipStore, TestPostgres.Database) async throws -> Void) async throws {
        let database = try await TestPostgres.freshDatabase("leaselock")
        var configuration = PostgresClient.Configuration(
            host: "127.0.0.1", port: database.server.port, username: database.server.user,
            password: database.password, database: database.name, tls: .disable)
        configuration.options.maximumConnections = 2
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        let running = Task { await client.run() }
        defer { running.cancel() }
        try await body(LeadershipStore(client: client, holder: "b2", endpoint: "tcp://10.0.0.2:5555", logger: logger), database)
    }

    /// A journal session of broker b1 with `limits`, inside a batch that has proved the
    /// fence (`FOR SHARE` on the lease row) and then hears nothing more, as when b1's link
    /// goes down between two statements.
    func openBatch(_ database: TestPostgres.Database, limits: PostgresSessionLimits?) async throws -> PostgresConnection {
        var settings = try postgresSettings(database)
        settings.sessionLimits = limits
        let connection = try await PostgresConnection.connect(
            on: MultiThreadedEventLoopGroup.singleton.next(), configuration: try PostgresJournal.configuration(settings),
            id: 7, logger: logger)
        try await connection.query("""
            INSERT INTO broker_leadership (singleton, holder, endpoint, epoch, since, lease_until)
            VALUES (true, 'b1', 'tcp://10.0.0.1:5555', 1, now(), now() + interval '800 milliseconds')
            """, logger: logger)
        try await connection.query("BEGIN", logger: logger)
        try await connection.query("SELECT epoch FROM broker_leadership WHERE holder = 'b1' AND epoch = 1 FOR SHARE", logger: logger)
        return connection
    }

    @Test func aStandbysPollDoesNotWaitForTheActiveBatchWhileTheLeaseIsValid() async throws {
        try await withStore { b2, database in
            _ = try await b2.poll(lease: .seconds(3))  // creates the tables; b2 takes the empty lease
            try await b2.resign(epoch: 1)
            var settings = try postgresSettings(database)
            settings.sessionLimits = nil
            let connection = try await PostgresConnection.connect(
                on: MultiThreadedEventLoopGroup.singleton.next(), configuration: try PostgresJournal.configuration(settings),
                id: 8, logger: logger)
            defer { Task { try? await connection.close() } }
            try await connection.query("""
                UPDATE broker_leadership SET holder = 'b1', epoch = 2, lease_until = now() + interval '30 seconds'
                """, logger: logger)
            try await connection.query("BEGIN", logger: logger)
            try await connection.query("SELECT epoch FROM broker_leadership FOR SHARE", logger: logger)
            let answer = await LeaseRequestDeadline.run(within: .seconds(2)) { try await b2.poll(lease: .seconds(3)) }
            guard case .success(.held(let leader?)) = answer else {
                Issue.record("the poll did not answer 'held' while b1's batch held the row: \(answer)")
                return
            }
            #expect(leader.holder == "b1" && leader.epoch == 2)
            try await connection.query("ROLLBACK", logger: logger)
        }
    }

    @Test func theServerRollsBackACutOffBrokersOpenBatchSoTheStandbyTakesTheExpiredLease() async throws {
        try await withStore { b2, database in
            try await b2.prepareTables()
            let policy = LeadershipPolicy(heartbeat: .milliseconds(200), leaseHeartbeats: 4)
            let connection = try await openBatch(database, limits: policy.journalSessionLimits)
            defer { Task { try? await connection.close() } }
            var taken: LeaderRecord?
            let tookOver = await TestEnvironment.eventually(timeout: .seconds(10), every: .milliseconds(100)) {
                if case .acquired(let record) = try await b2.poll(lease: .seconds(3)) { taken = record }
                return taken != nil
            }
            #expect(tookOver, "b1's open batch kept the lease row locked")
            #expect(taken?.holder == "b2" && taken?.epoch == 2)
        }
    }

    @Test func withoutTheLimitsTheOpenBatchKeepsTheExpiredLeaseFromTheStandby() async throws {
        try await withStore { b2, database in
            try await b2.prepareTables()
            let connection = try await openBatch(database, limits: nil)
            defer { Task { try? await connection.close() } }
            let expired = await TestEnvironment.eventually(timeout: .seconds(5)) {
                let rows = try await connection.query("SELECT lease_until <= clock_timestamp() FROM broker_leadership", logger: logger)
                for try await expired in rows.decode(Bool.self) { return expired }
                return false
            }
            #expect(expired)
            let answer = await LeaseRequestDeadline.run(within: .seconds(1)) { try await b2.poll(lease: .seconds(3)) }
            guard case .failure(let error) = answer, error is LeaseRequestTimedOut else {
                Issue.record("the poll was answered while b1's batch held the row: \(answer)")
                return
            }
        }
    }

    @Test func theLimitsBecomeStartupParametersWithUnits() {
        let limits = LeadershipPolicy().journalSessionLimits
        let parameters = Dictionary(uniqueKeysWithValues: limits.startupParameters)
        #expect(parameters["idle_in_transaction_session_timeout"] == "2000ms")
        #expect(parameters["lock_timeout"] == "2000ms")
        #expect(parameters["tcp_user_timeout"] == "2000ms")
        #expect(parameters["tcp_keepalives_idle"] == "1s")
        #expect(parameters["tcp_keepalives_count"] == "2")
        #expect(parameters["statement_timeout"] == nil, "restoring a large backlog may take longer than a lease")
        let lease = Dictionary(uniqueKeysWithValues: LeadershipPolicy(heartbeat: .milliseconds(250)).leaseSessionLimits.startupParameters)
        #expect(lease["statement_timeout"] == "500ms")
        #expect(lease["lock_timeout"] == "250ms")
        #expect(lease["tcp_keepalives_interval"] == "1s", "whole seconds, at least one")
    }
}
