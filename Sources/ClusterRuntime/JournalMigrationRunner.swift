import Broker
import Wire
import Foundation

/// What `claude-cluster journal migrate` does: copies an SQLite journal into the
/// PostgreSQL database a URL names, with the password from an environment variable or a
/// file, as the broker reads it (`broker.journal.password_env` / `password_file`).
public enum JournalMigrationRunner {
    /// Copies `source` into `target`; returns the lines to print (rows per table).
    ///
    /// - Throws: a `JournalMigrationError`, a `PostgresJournalURLError` or a
    ///   ``JournalPasswordError``; none of them holds the password.
    public static func migrate(
        source: String, target: String, passwordEnv: String?, passwordFile: String?, replace: Bool,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) async throws -> String {
        var section = JournalSection()
        section.url = target
        section.passwordEnv = passwordEnv
        section.passwordFile = passwordFile
        guard let settings = try JournalDatabaseAssembly.settings(section, environment: environment) else {
            return ""
        }
        let report = try await JournalMigration(source: source, target: settings, replace: replace).run()
        let counts = ["tasks", "progress", "transcripts", "results", "attempts", "agent_pauses"]
            .map { "  \($0.padding(toLength: 12, withPad: " ", startingAt: 0)) \(GroupedNumberText.text(report.rows[$0] ?? 0))" }
        return (["copied \(source) into \(settings.url), every table's rows counted on both sides:"] + counts)
            .joined(separator: "\n")
    }
}
