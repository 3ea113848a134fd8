import Foundation
import Testing
import TestSupport

@testable import Broker

/// The journal's `postgres://` URL, and its password, which must never reach a log, an
/// error or a printed value.
@Suite struct PostgresJournalSettingsTests {
    @Test func parsesTheURLAndDefaultsAsLibpqDoes() throws {
        let full = try PostgresJournalURL(parsing: "postgres://cluster@db.internal:6543/journal?sslmode=verify-full")
        #expect(full.user == "cluster" && full.host == "db.internal" && full.port == 6543 && full.database == "journal")
        #expect(full.tlsMode == .verifyFull)
        #expect(full.description == "postgres://cluster@db.internal:6543/journal?sslmode=verify-full")
        let short = try PostgresJournalURL(parsing: "postgresql://broker@[::1]")
        #expect(short.host == "::1" && short.port == 5432 && short.database == "broker" && short.tlsMode == .disable)
        #expect(short.description == "postgres://broker@[::1]:5432/broker")
    }

    @Test func refusesWhatItCannotUseAndNeverRepeatsAPassword() {
        let cases: [(String, PostgresJournalURLError)] = [
            ("mysql://u@h/db", .notAPostgresURL),
            ("postgres://u:hunter2@h/db", .passwordInURL),
            ("postgres://h/db", .missingUser),
            ("postgres://u@h/db/more", .badDatabase("db/more")),
            ("postgres://u@h/db?timeout=3", .unknownParameter("timeout")),
            ("postgres://u@h/db?sslmode=sometimes", .badTLSMode("sometimes")),
        ]
        for (text, expected) in cases {
            #expect(throws: expected, "\(text)") { _ = try PostgresJournalURL(parsing: text) }
            #expect(!expected.description.contains("hunter2"))
        }
    }

    @Test func aPasswordPrintsAsHidden() throws {
        let password = JournalPassword("s3cret-value")
        let settings = PostgresJournalSettings(
            url: try PostgresJournalURL(parsing: "postgres://u@h/db"), password: password)
        var dumped = ""
        dump(settings, to: &dumped)
        for text in ["\(password)", String(reflecting: password), "\(settings)", String(reflecting: settings), dumped] {
            #expect(!text.contains("s3cret-value"), "\(text)")
        }
    }

    @Test(.enabled(if: TestPostgres.isAvailable, Comment(rawValue: TestPostgres.skipReason)))
    func thePasswordReachesNoLogAndNoError() async throws {
        let database = try await TestPostgres.freshDatabase("secret")
        let log = CapturedLog()
        let settings = try postgresSettings(database)
        let journal = try PostgresJournal(settings: settings, logger: log.logger())
        try journal.commit([.upsert(journalTask("t-1"))])
        #expect(try journal.task(id: "t-1") != nil)
        try journal.close()

        var wrong = settings
        let wrongPassword = "wrong-\(UUID().uuidString)"
        wrong.password = JournalPassword(wrongPassword)
        let error = #expect(throws: JournalError.self) { _ = try PostgresJournal(settings: wrong, logger: log.logger()) }
        let message = String(describing: error)
        #expect(message.contains("password authentication failed"), "\(message)")
        #expect(!log.all.isEmpty, "postgres-nio logged nothing at trace level: the check below would prove nothing")
        for text in log.all + [message, String(reflecting: error)] {
            #expect(!text.contains(database.password) && !text.contains(wrongPassword), "\(text)")
        }
    }
}
