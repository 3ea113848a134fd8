import Foundation
import Logging
import TestSupport
import Testing
import Wire

@testable import Broker

/// A real broker on the PostgreSQL journal: acknowledged tasks are in the database, and a
/// broker whose fence no longer holds acknowledges nothing more and stops.
@Suite(.enabled(if: TestPostgres.isAvailable, Comment(rawValue: TestPostgres.skipReason)), .timeLimit(.minutes(3)))
struct BrokerOnPostgresTests {
    private func brokerSettings(_ database: TestPostgres.Database, fence: JournalFence?) throws -> BrokerSettings {
        var settings = BrokerSettings(
            routerEndpoint: "tcp://127.0.0.1:*", publisherEndpoint: "tcp://127.0.0.1:*",
            dataDirectory: try TestEnvironment.temporaryDirectory("broker-postgres"))
        settings.postgresJournal = try postgresSettings(database)
        settings.journalFence = fence
        return settings
    }

    @Test func aSubmitIsAcknowledgedOnceItsRowIsInTheDatabase() async throws {
        let database = try await TestPostgres.freshDatabase("broker")
        let broker = try BrokerService(settings: try brokerSettings(database, fence: nil), logger: Logger(label: "test-broker"))
        defer { Task { await broker.stop() } }
        let context = try ZMQContext()
        let client = try ClusterClient(context: context, endpoints: [broker.endpoints.router], options: .init(timeout: .seconds(20), attempts: 1))
        defer { client.close() }
        let record = try await client.submit(TaskSpec(title: "kept", description: "in PostgreSQL", target: "nobody", idempotencyKey: "pg-1"))
        #expect(try await database.server.sql("SELECT state FROM tasks WHERE id = '\(record.id)'", database: database.name) == "queued")
        // The same key answers with the same task, from the database.
        let again = try await client.submit(TaskSpec(title: "kept", description: "in PostgreSQL", target: "nobody", idempotencyKey: "pg-1"))
        #expect(again.id == record.id)
        #expect(try await client.task(id: record.id)?.task.id == record.id)
    }

    @Test func aDeposedBrokerAcknowledgesNothingMoreAndStops() async throws {
        let database = try await TestPostgres.freshDatabase("deposed")
        // Create the tables, then make broker-a the leader at epoch 1.
        try PostgresJournal(settings: try postgresSettings(database)).close()
        _ = try await database.server.sql("""
            INSERT INTO broker_leadership (holder, endpoint, epoch, since, lease_until)
            VALUES ('broker-a', 'tcp://127.0.0.1:1', 1, now(), now() + interval '1 hour')
            """, database: database.name)
        let broker = try BrokerService(
            settings: try brokerSettings(database, fence: JournalFence(holder: "broker-a", epoch: 1)),
            logger: Logger(label: "test-broker"))
        let running = Task { try await broker.run() }
        defer { Task { await broker.stop() } }
        let context = try ZMQContext()
        let client = try ClusterClient(context: context, endpoints: [broker.endpoints.router], options: .init(timeout: .seconds(3), attempts: 1))
        defer { client.close() }
        let first = try await client.submit(TaskSpec(title: "first", description: "while leading", target: "nobody"))

        // Another broker takes over.
        _ = try await database.server.sql(
            "UPDATE broker_leadership SET holder = 'broker-b', epoch = 2, since = now()", database: database.name)
        await #expect(throws: (any Error).self) {
            _ = try await client.submit(TaskSpec(title: "second", description: "after the takeover", target: "nobody"))
        }
        let stopped = await running.result
        guard case .failure(let error) = stopped else {
            Issue.record("the deposed broker went on running")
            return
        }
        #expect(String(describing: error).contains("no longer leads"), "\(error)")
        #expect(try await database.server.sql("SELECT string_agg(spec_title, ',') FROM (SELECT record::json -> 'spec' ->> 'title' AS spec_title FROM tasks) t", database: database.name) == "first")
        #expect(try await database.server.sql("SELECT count(*) FROM tasks WHERE id = '\(first.id)'", database: database.name) == "1")
    }
}
