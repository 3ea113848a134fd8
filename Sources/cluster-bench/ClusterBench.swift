import ArgumentParser

/// `cluster-bench`: measures the cluster against raw libzmq and runs the fault suite.
@main
struct ClusterBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cluster-bench",
        abstract: "Benchmarks the broker against raw libzmq and runs the fault-injection suite.",
        subcommands: [BenchCommand.self, FaultCommand.self, HACommand.self, SimulatedAgentsCommand.self],
        defaultSubcommand: BenchCommand.self)
}
