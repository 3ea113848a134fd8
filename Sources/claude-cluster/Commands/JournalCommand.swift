import ArgumentParser
import ClusterRuntime
import Foundation

/// `claude-cluster journal stats|backup|migrate`: the broker's task journal on this machine.
struct JournalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "journal",
        abstract: "Inspect or back up the broker's task journal (safe while the broker runs).",
        subcommands: [JournalStatsCommand.self, JournalBackupCommand.self, JournalMigrateCommand.self])
}

/// Where the journal is: `--journal`, else `<data dir>/journal.sqlite` from `--data-dir`
/// or `--config`, else `.cluster/journal.sqlite`.
struct JournalLocation: ParsableArguments {
    @Option(help: "Cluster configuration file (for the data directory).") var config: String?
    @Option(help: "The data directory, if not from the config.") var dataDir: String?
    @Option(help: "The journal file itself.") var journal: String?

    func path() throws -> String {
        if let journal { return journal }
        if let dataDir { return JournalReport.path(dataDirectory: dataDir) }
        if let config {
            do {
                return JournalReport.path(dataDirectory: try ConfigurationLoader.load(path: config).dataDirectory)
            } catch {
                printError("error: \(error)")
                throw ExitCode(ExitStatus.usage.rawValue)
            }
        }
        return JournalReport.path(dataDirectory: ".cluster")
    }
}

/// `claude-cluster journal stats`: rows, sizes, the oldest task.
struct JournalStatsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats", abstract: "Print the journal's row counts, file size and oldest task.")

    @OptionGroup var location: JournalLocation
    @Flag(help: "Print JSON.") var json = false

    func run() async throws {
        let path = try location.path()
        do {
            print(try JournalReport.stats(path: path, json: json))
        } catch {
            printError("error: \(error)")
            throw ExitCode(ExitStatus.failure.rawValue)
        }
    }
}

/// `claude-cluster journal backup FILE`: SQLite's online backup to a new file.
struct JournalBackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the journal to a new file with SQLite's online backup, while the broker runs.")

    @Argument(help: "The backup file to create (never overwritten).") var file: String
    @OptionGroup var location: JournalLocation

    func run() async throws {
        let path = try location.path()
        do {
            try JournalReport.backup(path: path, to: file)
            print("backed up \(path) to \(file)")
        } catch {
            printError("error: \(error)")
            throw ExitCode(ExitStatus.failure.rawValue)
        }
    }
}
