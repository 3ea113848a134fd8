import ArgumentParser
import ClusterRuntime
import Foundation

/// `claude-cluster start`: the broker, the bridge and every agent of a config, in one
/// process, until SIGTERM/SIGINT or `claude-cluster stop`.
struct StartCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start",
        abstract: "Start a whole cluster (broker, bridge, agents) from a config.",
        discussion: "Logs go to <data_dir>/logs/router.log, <data_dir>/logs/bridge.log and <data_dir>/agents/<NAME>/agent.log; notices also to stderr.")

    @Option(help: "The cluster configuration.") var config = "configs/local.yaml"

    func run() async throws {
        let configuration = try loadConfiguration(config)
        try await launch(ClusterLauncher(configuration: configuration, roles: .all, executablePath: executablePath()))
    }
}

/// `claude-cluster stop`: asks a running cluster to shut down gracefully and waits.
struct StopCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stop",
        abstract: "Stop the cluster started from this data directory, gracefully.",
        discussion: "Running tasks get a grace period, then go back to the queue; exits 0 once every process has ended.")

    @Option(help: "The cluster configuration (for its data directory).") var config = "configs/local.yaml"
    @Option(help: "The data directory, if not from the config.") var dataDir: String?
    @Option(help: "Seconds to wait for the cluster to end.") var timeout: Double = 60

    func run() async throws {
        let directory = try dataDir ?? loadConfiguration(config).dataDirectory
        let pidFile = PIDFile(path: "\(directory)/cluster.pid")
        guard let pid = pidFile.runningProcess() else {
            print("no cluster is running from \(directory)")
            return
        }
        guard kill(pid, SIGTERM) == 0 else {
            printError("error: could not signal process \(pid): \(String(cString: strerror(errno)))")
            throw ExitCode(ExitStatus.failure.rawValue)
        }
        let deadline = Date().addingTimeInterval(timeout)
        while pidFile.runningProcess() == pid || kill(pid, 0) == 0 {
            guard Date() < deadline else {
                printError("error: the cluster (pid \(pid)) is still running after \(Int(timeout))s; see its logs in \(directory)/logs")
                throw ExitCode(ExitStatus.failure.rawValue)
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        print("cluster stopped (pid \(pid))")
    }
}

func loadConfiguration(_ path: String) throws -> ClusterConfiguration {
    do {
        return try ConfigurationLoader.load(path: path)
    } catch {
        printError("error: \(error)")
        throw ExitCode(ExitStatus.usage.rawValue)
    }
}

/// Runs the launcher, reporting start-up failures as a one-line error.
func launch(_ launcher: ClusterLauncher) async throws {
    do {
        try await launcher.run()
    } catch let lost as BrokerSteppedDown {
        printError("error: \(lost)")
        throw ExitCode(ExitStatus.steppedDown.rawValue)
    } catch {
        printError("error: \(error)")
        throw ExitCode(ExitStatus.failure.rawValue)
    }
}

/// This program's absolute path, so runners can call `claude-cluster ask`.
func executablePath() -> String? {
    let path = CommandLine.arguments.first ?? ""
    guard !path.isEmpty else { return nil }
    if path.hasPrefix("/") { return path }
    if path.contains("/") { return FileManager.default.currentDirectoryPath + "/" + path }
    return (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
}
