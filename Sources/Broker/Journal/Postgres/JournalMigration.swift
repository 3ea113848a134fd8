import Foundation
import GRDB
import Logging
import NIOPosix
import PostgresNIO

/// Copies an SQLite journal into a PostgreSQL database, for a cluster moving to brokers
/// that share one (`claude-cluster journal migrate`): every row of every journal table,
/// progress lines keeping their ids (so their order), in one transaction that commits only
/// when each table holds as many rows as the file.
///
/// ```swift
/// let report = try await JournalMigration(source: ".cluster/journal.sqlite", target: settings).run()
/// ```
///
/// The file is opened read-only and never changed. A target whose journal tables already
/// hold rows is refused unless `replace` is set, which empties them first (in the same
/// transaction, so a failed copy leaves them as they were). Stop the brokers first: a
/// broker still writing to either side would make the copy stale at once.
public struct JournalMigration: Sendable {
    public let source: String
    public let target: PostgresJournalSettings
    /// Empty a target that holds rows instead of refusing it.
    public var replace: Bool
    /// Rows written per statement.
    var chunkSize = 1_000

    public init(source: String, target: PostgresJournalSettings, replace: Bool = false) {
        self.source = source
        self.target = target
        self.replace = replace
    }

    /// Copies the journal; returns the rows copied per table.
    ///
    /// - Throws: ``JournalMigrationError``, whose message never holds the password.
    public func run(logger: Logger = Logger(label: "cluster.journal.migrate")) async throws(JournalMigrationError) -> JournalMigrationReport {
        let reader = try SQLiteJournalReader(path: source)
        let location = target.url.description
        let connection: PostgresConnection
        do {
            connection = try await PostgresConnection.connect(
                on: MultiThreadedEventLoopGroup.singleton.next(), configuration: try PostgresJournal.configuration(target),
                id: 3, logger: logger)
        } catch {
            throw .target(.cannotOpen(path: location, reason: JournalError.postgresReason(error)))
        }
        do {
            let report = try await copy(from: reader, to: connection, location: location, logger: logger)
            try? await connection.close()
            return report
        } catch {
            try? await connection.close()
            if let error = error as? JournalMigrationError { throw error }
            throw .target(JournalError.wrappingPostgres(error, location: location) {
                .commitFailed(path: location, writeCount: 0, reason: "copying the journal: \($0)")
            })
        }
    }

    private func copy(
        from reader: SQLiteJournalReader, to connection: PostgresConnection, location: String, logger: Logger
    ) async throws -> JournalMigrationReport {
        try await PostgresJournalSchema.migrate(connection, location: location, logger: logger)
        let expected = try reader.counts()
        try await connection.query("BEGIN", logger: logger)
        do {
            let present = try await Self.counts(on: connection, logger: logger)
            if present.values.contains(where: { $0 > 0 }) {
                guard replace else { throw JournalMigrationError.targetNotEmpty(location: location, rows: present) }
                try await connection.query("TRUNCATE tasks, progress, transcripts, results, attempts, agent_pauses", logger: logger)
            }
            try await reader.eachChunk(of: chunkSize) { chunk in try await chunk.insert(on: connection, logger: logger) }
            // The copied ids go on from the largest, as the table's own would have.
            try await connection.query(
                "SELECT setval(pg_get_serial_sequence('progress', 'id'), greatest((SELECT max(id) FROM progress), 1))",
                logger: logger)
            let copied = try await Self.counts(on: connection, logger: logger)
            guard copied == expected else {
                throw JournalMigrationError.countsDiffer(expected: expected, copied: copied)
            }
            try await connection.query("COMMIT", logger: logger)
            return JournalMigrationReport(rows: copied)
        } catch {
            _ = try? await connection.query("ROLLBACK", logger: logger)
            throw error
        }
    }

    private static func counts(on connection: PostgresConnection, logger: Logger) async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        let rows = try await connection.query("""
            SELECT 'tasks', count(*) FROM tasks UNION ALL SELECT 'progress', count(*) FROM progress
            UNION ALL SELECT 'transcripts', count(*) FROM transcripts UNION ALL SELECT 'results', count(*) FROM results
            UNION ALL SELECT 'attempts', count(*) FROM attempts UNION ALL SELECT 'agent_pauses', count(*) FROM agent_pauses
            """, logger: logger)
        for try await (table, count) in rows.decode((String, Int).self) { counts[table] = count }
        return counts
    }
}

/// What a migration copied: rows per journal table.
public struct JournalMigrationReport: Sendable, Hashable {
    public var rows: [String: Int]
}

/// Why a journal could not be migrated.
public enum JournalMigrationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The SQLite file could not be read.
    case source(JournalError)
    /// The PostgreSQL database could not be reached or written.
    case target(JournalError)
    case targetNotEmpty(location: String, rows: [String: Int])
    case countsDiffer(expected: [String: Int], copied: [String: Int])

    public var description: String {
        switch self {
        case .source(let error), .target(let error):
            error.description
        case let .targetNotEmpty(location, rows):
            "the journal tables at \(location) already hold rows (\(Self.text(rows))); nothing was copied. "
                + "Give --force to replace them (stop every broker that uses that database first)"
        case let .countsDiffer(expected, copied):
            "the copy does not match the file (file: \(Self.text(expected)); copy: \(Self.text(copied))); "
                + "it was rolled back and the database left as it was"
        }
    }

    static func text(_ rows: [String: Int]) -> String {
        PostgresJournalSchema.journalTables.map { "\($0) \(rows[$0] ?? 0)" }.joined(separator: ", ")
    }
}
