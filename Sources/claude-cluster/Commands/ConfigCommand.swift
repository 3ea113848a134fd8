import ArgumentParser
import ClusterRuntime

/// `claude-cluster config check FILE`.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config", abstract: "Work with configuration files.", subcommands: [Check.self])

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check", abstract: "Validate a configuration file; names the key of any problem.")

        @Argument(help: "The YAML file.") var file: String

        func run() throws {
            do {
                let configuration = try ConfigurationLoader.load(path: file)
                let roles = [configuration.broker != nil ? "broker" : nil,
                             configuration.bridge?.enabled == true ? "bridge" : nil,
                             configuration.agents.isEmpty ? nil : "\(configuration.agents.count) agent(s)"].compactMap { $0 }
                print("\(file): ok (\(roles.isEmpty ? "client only" : roles.joined(separator: ", ")))")
                for warning in HookFolderCheck.warnings(for: configuration) { print("warning: \(warning)") }
            } catch {
                printError("error: \(error)")
                throw ExitCode(ExitStatus.usage.rawValue)
            }
        }
    }
}
