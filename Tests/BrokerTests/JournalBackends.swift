import Foundation
import Testing
import TestSupport
import Wire

@testable import Broker

/// The journal's two backends, for suites that run once on each.
///
/// The PostgreSQL cases exist only where a throwaway server can be started; the suites
/// that need PostgreSQL alone say why they are skipped (`TestPostgres.skipReason`).
enum JournalBackend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    /// The backends this machine can test.
    static var testable: [JournalBackend] { TestPostgres.isAvailable ? allCases : [.sqlite] }

    var testDescription: String { rawValue }
}

/// Where a test's journal lives: a fresh folder for SQLite, a fresh database for
/// PostgreSQL. Opening it twice reaches the same rows, as a restarted broker would.
struct JournalSpot: Sendable {
    let backend: JournalBackend
    private let directory: URL?
    /// The PostgreSQL database's settings; nil for SQLite.
    let postgres: PostgresJournalSettings?
    /// The PostgreSQL database, for looking behind the journal's back.
    let database: TestPostgres.Database?

    static func make(_ backend: JournalBackend) async throws -> JournalSpot {
        switch backend {
        case .sqlite:
            return JournalSpot(
                backend: backend, directory: try TestEnvironment.temporaryDirectory("journal-conformance"), postgres: nil,
                database: nil)
        case .postgres:
            let database = try await TestPostgres.freshDatabase("journal")
            return JournalSpot(
                backend: backend, directory: nil, postgres: try postgresSettings(database), database: database)
        }
    }

    /// The SQLite file; nil for PostgreSQL.
    var sqlitePath: String? { directory?.appendingPathComponent("journal.sqlite").path }

    /// A journal on this spot; close it when done.
    func open(options: JournalOptions = JournalOptions(), fence: JournalFence? = nil) throws -> any JournalStore {
        if let postgres { return try PostgresJournal(settings: postgres, options: options, fence: fence) }
        return try TaskJournal(directory: directory!, options: options)
    }

    /// Opens a journal, runs `body` with it and closes it.
    func with<T>(options: JournalOptions = JournalOptions(), _ body: (any JournalStore) throws -> T) throws -> T {
        let journal = try open(options: options)
        defer { try? journal.close() }
        return try body(journal)
    }
}

/// The journal settings for a test database, with its password.
func postgresSettings(_ database: TestPostgres.Database) throws -> PostgresJournalSettings {
    PostgresJournalSettings(url: try PostgresJournalURL(parsing: database.url), password: JournalPassword(database.password))
}
