import Foundation
import GRDB
import Logging
import PostgresNIO

/// Reads an SQLite journal file table by table, in chunks, for ``JournalMigration``:
/// read-only, so the file is never changed, and each chunk read in its own short read so
/// a large journal never sits in memory at once.
struct SQLiteJournalReader {
    let path: String
    private let database: DatabaseQueue
    /// The journal tables the file has: journals from before a table was added lack it.
    private let tables: Set<String>

    init(path: String) throws(JournalMigrationError) {
        self.path = path
        guard FileManager.default.fileExists(atPath: path) else {
            throw .source(.readFailed(path: path, what: "anything", reason: "there is no such file"))
        }
        var configuration = Configuration()
        configuration.label = "JournalMigration"
        configuration.readonly = true
        do {
            database = try DatabaseQueue(path: path, configuration: configuration)
            let known = Set(JournalSchema.migrator.migrations)
            let (applied, present) = try database.read { db in
                (try JournalSchema.migrator.appliedIdentifiers(db),
                 try Set(PostgresJournalSchema.journalTables.filter { try db.tableExists($0) }))
            }
            guard applied.contains("v1") else {
                throw JournalError.readFailed(path: path, what: "the journal's tables", reason: "the file is not a task journal")
            }
            let unknown = applied.subtracting(known)
            guard unknown.isEmpty else { throw JournalError.newerSchema(path: path, unknownMigrations: unknown.sorted()) }
            tables = present
        } catch {
            throw .source(JournalError.wrapping(error, path: path) { .cannotOpen(path: path, reason: $0) })
        }
    }

    /// Rows per journal table.
    func counts() throws(JournalMigrationError) -> [String: Int] {
        do {
            return try database.read { db in
                var counts: [String: Int] = [:]
                for table in PostgresJournalSchema.journalTables {
                    counts[table] = tables.contains(table) ? try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0 : 0
                }
                return counts
            }
        } catch {
            throw .source(JournalError.wrapping(error, path: path) { .readFailed(path: path, what: "the row counts", reason: $0) })
        }
    }

    /// Hands every row to `body`, `size` rows at a time, parents before children.
    func eachChunk(of size: Int, _ body: (MigrationChunk) async throws -> Void) async throws {
        for table in PostgresJournalSchema.journalTables where tables.contains(table) {
            var after: Int64 = .min
            while true {
                let (rows, last) = try read(table, after: after, limit: size)
                guard let last else { break }
                try await body(rows)
                after = last
            }
        }
    }

    /// One chunk of `table` after `rowid`, and the last rowid read (nil when none was).
    private func read(_ table: String, after: Int64, limit: Int) throws -> (MigrationChunk, Int64?) {
        try database.read { db in
            let rows = try Row.fetchAll(
                db, sql: "SELECT rowid AS journal_rowid, * FROM \(table) WHERE rowid > ? ORDER BY rowid LIMIT ?",
                arguments: [after, limit])
            return (MigrationChunk(table: table, rows: rows), rows.last.flatMap { $0["journal_rowid"] as Int64? })
        }
    }
}

/// Rows of one journal table, as PostgreSQL columns.
struct MigrationChunk: Sendable {
    let table: String
    private var text: [String: [String?]] = [:]
    private var integers: [String: [Int?]] = [:]
    private var reals: [String: [Double?]] = [:]

    /// The columns of each table and their kind, as both schemas have them.
    private static let columns: [String: [(name: String, kind: Kind)]] = [
        "tasks": [
            ("id", .text), ("state", .text), ("terminal", .boolean), ("agent", .text), ("source", .text),
            ("specialty", .text), ("priority", .text), ("idempotency_key", .text), ("created_at", .real),
            ("updated_at", .real), ("record", .text),
        ],
        "progress": [
            ("id", .integer), ("task_id", .text), ("attempt", .integer), ("sequence", .integer), ("kind", .text),
            ("message", .text), ("at", .real), ("version", .integer),
        ],
        "transcripts": [("task_id", .text), ("attempt", .integer), ("text", .text), ("dropped_bytes", .integer)],
        "results": [("task_id", .text), ("attempt", .integer), ("outcome", .text), ("result", .text)],
        "attempts": [
            ("task_id", .text), ("attempt", .integer), ("agent", .text), ("outcome", .text), ("cost_usd", .real),
            ("input_tokens", .integer), ("output_tokens", .integer), ("cache_read_input_tokens", .integer),
            ("cache_creation_input_tokens", .integer), ("turns", .integer), ("duration_ms", .integer), ("model", .text),
            ("session_id", .text), ("branch", .text), ("ended_at", .real),
        ],
        "agent_pauses": [("agent_key", .text), ("agent", .text), ("drain", .boolean), ("since", .real)],
    ]

    private enum Kind {
        case text, integer, real, boolean

        var sqlType: String {
            switch self {
            case .text: "text"
            case .integer: "bigint"
            case .real: "double precision"
            case .boolean: "boolean"
            }
        }
    }

    init(table: String, rows: [Row]) {
        self.table = table
        for (name, kind) in Self.columns[table] ?? [] {
            switch kind {
            case .text: text[name] = rows.map { row in (row[name] as String?).map { PostgresText.clean($0) } }
            case .integer, .boolean: integers[name] = rows.map { $0[name] as Int? }
            case .real: reals[name] = rows.map { $0[name] as Double? }
            }
        }
    }

    /// Inserts the rows with one statement: each column bound as one array.
    func insert(on connection: PostgresConnection, logger: Logger) async throws {
        let columns = Self.columns[table] ?? []
        var binds = PostgresBindings()
        var selections: [String] = []
        for (index, column) in columns.enumerated() {
            switch column.kind {
            case .text: binds.append(NullableArray(text[column.name] ?? []))
            case .integer, .boolean: binds.append(NullableArray(integers[column.name] ?? []))
            case .real: binds.append(NullableArray(reals[column.name] ?? []))
            }
            // SQLite keeps a boolean as an integer.
            selections.append(column.kind == .boolean ? "(c\(index) <> 0)" : "c\(index)")
        }
        let arrays = columns.enumerated().map { index, column in
            "$\(index + 1)::\(column.kind == .boolean ? "bigint" : column.kind.sqlType)[]"
        }
        let aliases = columns.indices.map { "c\($0)" }.joined(separator: ", ")
        let names = columns.map(\.name).joined(separator: ", ")
        // Only the table's own column names and placeholders are written into the text.
        let overriding = table == "progress" ? " OVERRIDING SYSTEM VALUE" : ""
        try await connection.query(PostgresQuery(
            unsafeSQL: """
                INSERT INTO \(table) (\(names))\(overriding)
                SELECT \(selections.joined(separator: ", ")) FROM unnest(\(arrays.joined(separator: ", "))) AS r(\(aliases))
                """,
            binds: binds), logger: logger)
    }
}
