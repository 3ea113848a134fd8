import Foundation
import ClusterHarness

/// Part 6's simulated agents, spread over several `cluster-bench agents` child processes
/// (one process runs out of file descriptors long before 10,000 agents).
struct SimulatedAgentProcesses: Sendable {
    /// One child and the agents it runs.
    struct Member: Sendable {
        let process: ChildProcess
        let agents: Int
    }

    let members: [Member]

    /// How many agents each of `processes` children runs: as even as the count allows.
    static func shares(agents: Int, processes: Int) -> [Int] {
        let processes = max(1, min(processes, agents))
        return (0..<processes).map { agents / processes + ($0 < agents % processes ? 1 : 0) }
    }

    /// Starts the children (this same program, `agents` subcommand) and waits until each
    /// has started its agents; the agents connect and send READY as they start.
    static func start(
        benchBinary: String, endpoint: String, agents: Int, processes: Int, threadsPerProcess: Int,
        capacity: Int, heartbeat: Duration, hold: Duration
    ) async throws -> SimulatedAgentProcesses {
        var members: [Member] = []
        for (index, share) in shares(agents: agents, processes: processes).enumerated() where share > 0 {
            let process = try ChildProcess("agents-\(index)", executable: benchBinary, arguments: [
                "agents", "--endpoint", endpoint, "--count", "\(share)", "--name-prefix", "sim\(index)-",
                "--capacity", "\(capacity)", "--heartbeat-ms", "\(Int(heartbeat.seconds * 1000))",
                "--hold-ms", "\(Int(hold.seconds * 1000))", "--threads", "\(threadsPerProcess)",
            ])
            members.append(Member(process: process, agents: share))
        }
        let started = SimulatedAgentProcesses(members: members)
        for member in members {
            guard await member.process.waitForLine(containing: "simulated agents started", timeout: .seconds(60)) != nil else {
                await started.stop()
                throw BenchError.setup("simulated agents process \(member.process.name) did not start: \(member.process.text)")
            }
        }
        return started
    }

    /// The spread over every child's agents, from the last line each printed.
    func spread() -> AgentSpread {
        members.reduce(AgentSpread()) { total, member in
            let last = member.process.lines.last { $0.hasPrefix("spread:") }.flatMap(AgentSpread.init(line:))
            return total.merged(with: last ?? AgentSpread())
        }
    }

    /// Kills every child: their agents hold nothing worth a graceful end.
    func stop() async {
        for member in members { member.process.signal(SIGKILL) }
        for member in members { await member.process.waitForExit(timeout: .seconds(10)) }
    }
}
