import Broker
import ClusterHarness
import Foundation

/// The journal benchmark part 3 runs on: the SQLite file in the broker's folder, or a
/// database on a throwaway PostgreSQL server on this host (``PostgresServer``), started
/// for the run and removed after it.
enum BenchJournal: Sendable {
    case sqlite
    case postgres(PostgresJournalSettings)

    var name: String {
        switch self {
        case .sqlite: "SQLite"
        case .postgres: "PostgreSQL"
        }
    }

    var settings: PostgresJournalSettings? {
        if case .postgres(let settings) = self { return settings }
        return nil
    }

    /// The goals: issue 8's for SQLite, issue 21's for PostgreSQL (rate only).
    var rateGoal: Double {
        switch self {
        case .sqlite: 5_000
        case .postgres: 2_000
        }
    }

    var p99Goal: Duration? {
        switch self {
        case .sqlite: .milliseconds(50)
        case .postgres: nil
        }
    }

    var targets: String {
        p99Goal.map { ">= \(NumberText.grouped(rateGoal)) tasks/s and p99 < \($0.readable)" } ?? ">= \(NumberText.grouped(rateGoal)) tasks/s"
    }

    func describe(_ directory: URL) -> String {
        switch self {
        case .sqlite:
            "\(directory.path)/journal.sqlite (WAL, each commit fsynced before its replies)"
        case .postgres(let settings):
            "\(settings.url) (PostgreSQL on this host, fsync and synchronous_commit on; one transaction per batch, durable before its replies)"
        }
    }

    /// Runs `body` on the journal `name` names; a PostgreSQL server is started before and
    /// stopped after. PostgreSQL missing is a note, not a failure.
    static func with(_ name: String, report: BenchReport, _ body: (BenchJournal) async throws -> Void) async throws {
        switch name.lowercased() {
        case "sqlite":
            try await body(.sqlite)
        case "postgres", "postgresql":
            if let reason = PostgresBinaries.unavailableReason {
                report.note("part 3 on PostgreSQL skipped: \(reason)")
                return
            }
            let server = try await PostgresServer.start(label: "bench-postgres")
            do {
                let url = try PostgresJournalURL(parsing: try await server.createDatabase("bench"))
                try await body(.postgres(PostgresJournalSettings(url: url, password: JournalPassword(server.password))))
            } catch {
                await server.stop()
                throw error
            }
            await server.stop()
        default:
            throw BenchError.setup("unknown journal \"\(name)\" (sqlite or postgres)")
        }
    }
}
