import ArgumentParser
import Broker
import Foundation

/// `cluster-bench agents`: simulated agents in a process of their own, for part 6. One
/// process can hold only so many connections (each agent is a socket and a descriptor or
/// two; the hard limit here is 20,000 descriptors), so part 6 starts several of these and
/// reads what they print: a line once they are started, then ``AgentSpread/line`` whenever
/// what they answered changes. It runs until it is killed.
struct SimulatedAgentsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agents",
        abstract: "Run simulated agents in this process (part 6 starts these itself) and print what they answered.",
        shouldDisplay: false)

    @Option(help: "The broker's ROUTER endpoint.") var endpoint: String
    @Option(help: "Simulated agents in this process.") var count: Int
    @Option(help: "Agent names are <prefix><index>.") var namePrefix: String
    @Option(help: "The agents' specialty.") var service = "scale"
    @Option(help: "Tasks each agent takes at once.") var capacity = 1
    @Option(help: "Milliseconds between an agent's heartbeats.") var heartbeatMs = 1_000
    @Option(help: "Milliseconds an agent holds a task before it answers.") var holdMs = 1_500
    @Option(help: "Socket loops (each with its own ZeroMQ context, at most 1,000 agents each).") var threads = 4

    func run() async throws {
        _ = OpenFileLimit.raiseToHard()
        let threads = max(threads, (count + 999) / 1_000)
        let settings = SimulatedWorkerSettings(
            endpoint: endpoint, service: service, kind: .agent(capacity: capacity), namePrefix: namePrefix,
            heartbeat: .milliseconds(heartbeatMs), hold: .milliseconds(holdMs), host: "bench-\(getpid())")
        let pool = try SimulatedWorkerPool(settings: settings, count: count, threads: threads)
        Self.say("simulated agents started: \(count) on \(threads) socket loops, pid \(getpid())")
        var last = ""
        while true {
            let line = AgentSpread(counts: await pool.counts()).line
            if line != last {
                Self.say(line)
                last = line
            }
            try await Task.sleep(for: .milliseconds(200))
        }
    }

    /// A line to the benchmark, which reads it through a pipe: written at once, unbuffered.
    private static func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
}
