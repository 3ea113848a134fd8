import ArgumentParser
import ClusterRuntime
import Foundation

/// `claude-cluster journal migrate --from FILE --to postgres://…`: copies an SQLite
/// journal into a PostgreSQL database, for brokers that will share it.
struct JournalMigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Copy an SQLite journal into a PostgreSQL database (stop the brokers first).",
        discussion: """
            Every table is copied in one transaction and the rows counted on both sides before it commits. \
            The password comes from --password-env or --password-file, never from the URL.
            """)

    @Option(help: "The SQLite journal file, e.g. .cluster/journal.sqlite.") var from: String
    @Option(help: "postgres://USER@HOST:PORT/DATABASE[?sslmode=require|verify-full]") var to: String
    @Option(help: "The environment variable that holds the database password.") var passwordEnv: String?
    @Option(help: "A file whose first line is the database password (mode 600).") var passwordFile: String?
    @Flag(help: "Replace the rows a non-empty target already holds.") var force = false

    func run() async throws {
        if passwordEnv != nil && passwordFile != nil {
            printError("error: give --password-env or --password-file, not both")
            throw ExitCode(ExitStatus.usage.rawValue)
        }
        do {
            print(try await JournalMigrationRunner.migrate(
                source: from, target: to, passwordEnv: passwordEnv, passwordFile: passwordFile, replace: force))
        } catch {
            printError("error: \(error)")
            throw ExitCode(ExitStatus.failure.rawValue)
        }
    }
}
