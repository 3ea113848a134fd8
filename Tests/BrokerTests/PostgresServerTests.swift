import Foundation
import Testing
import TestSupport

/// The throwaway PostgreSQL server the journal's PostgreSQL tests and the benchmark use.
@Suite(.enabled(if: TestPostgres.isAvailable, Comment(rawValue: TestPostgres.skipReason)))
struct PostgresServerTests {
    @Test func startsAnswersAndIsRemovedWhenStopped() async throws {
        let server = try await PostgresServer.start(label: "postgres-server-test")
        #expect(server.isRunning)
        #expect(try await server.sql("SELECT 40 + 2") == "42")
        let url = try await server.createDatabase("scratch_one")
        #expect(url == "postgres://cluster@127.0.0.1:\(server.port)/scratch_one")
        #expect(try await server.sql("SELECT current_database()", database: "scratch_one") == "scratch_one")
        // Never as root: PostgreSQL refuses it, and a test server must not need it.
        if getuid() == 0 {
            let attributes = try FileManager.default.attributesOfItem(atPath: server.folder.appendingPathComponent("data").path)
            #expect(attributes[.ownerAccountName] as? String == PostgresServer.unprivilegedUser)
        }
        await server.stop()
        #expect(!server.isRunning)
        #expect(!FileManager.default.fileExists(atPath: server.folder.path))
    }

    @Test func refusesAWrongPassword() async throws {
        let database = try await TestPostgres.freshDatabase("password")
        let result = try await runCommand("/usr/bin/env", [
            "PGPASSWORD=not-the-password", "PGCONNECT_TIMEOUT=10", try #require(PostgresBinaries.find()).path("psql"), "-h", "127.0.0.1", "-p", String(database.server.port),
            "-U", database.server.user, "-d", database.name, "-X", "-c", "SELECT 1",
        ])
        #expect(result.status != 0)
        #expect(result.output.contains("password authentication failed"))
    }

    @Test func givesEachTestADatabaseOfItsOwn() async throws {
        let first = try await TestPostgres.freshDatabase("first")
        let second = try await TestPostgres.freshDatabase("second")
        #expect(first.server.port == second.server.port)
        #expect(first.name != second.name)
        _ = try await first.server.sql("CREATE TABLE only_here (x int)", database: first.name)
        #expect(try await second.server.sql("SELECT count(*) FROM pg_tables WHERE tablename = 'only_here'", database: second.name) == "0")
    }
}
