import ArgumentParser
import ClusterRuntime
import Foundation

/// `claude-cluster logs [AGENT] [--follow]`: the router log or one agent's log.
struct LogsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logs",
        abstract: "Print the router log, or an agent's log, from this machine's data directory.")

    @Argument(help: "An agent name; omit for the router log.") var agent: String?
    @Flag(name: .shortAndLong, help: "Keep printing new lines as they are written.") var follow = false
    @Option(help: "How many lines to print first.") var lines = 50
    @Option(help: "Cluster configuration file (for the data directory).") var config: String?
    @Option(help: "The data directory, if not from the config.") var dataDir: String?

    func run() async throws {
        var directory = dataDir ?? ".cluster"
        if dataDir == nil, let config {
            do {
                directory = try ConfigurationLoader.load(path: config).dataDirectory
            } catch {
                printError("error: \(error)")
                throw ExitCode(ExitStatus.usage.rawValue)
            }
        }
        let path = LogLayout(dataDirectory: directory).logFile(agent: agent)
        guard let handle = FileHandle(forReadingAtPath: path) else {
            printError("error: no log at \(path) (is the cluster running from this directory, or pass --config/--data-dir?)")
            throw ExitCode(ExitStatus.notFound.rawValue)
        }
        let text = String(decoding: handle.readDataToEndOfFile(), as: UTF8.self)
        let tail = text.split(separator: "\n", omittingEmptySubsequences: false).suffix(lines + 1)
        print(tail.joined(separator: "\n"), terminator: "")
        guard follow else { return }
        while !Task.isCancelled {
            let data = handle.availableData
            if data.isEmpty {
                try await Task.sleep(for: .milliseconds(250))
            } else {
                FileHandle.standardOutput.write(data)
            }
        }
    }
}
