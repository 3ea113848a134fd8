import Foundation
import Synchronization
import Wire

/// The agent's changing facts (the last load sample, the runner's problem, a usage limit
/// its runs reported), kept for ``AgentService/status(now:)``. Shared by the load
/// reporter, the task loop and the status server.
final class AgentStatusBoard: Sendable {
    struct Facts: Sendable {
        var cpuPercent: Double = 0
        var memoryBytes: Int = 0
        var runnerProblem: String?
        var usageLimit: UsageLimit?
        var limitedUntil: Date?
    }

    private let facts = Mutex(Facts())
    /// Set once the connection exists.
    private let linkHolder = Mutex<BrokerLink?>(nil)

    var current: Facts { facts.withLock { $0 } }
    var link: BrokerLink? { linkHolder.withLock { $0 } }

    func attach(_ link: BrokerLink) { linkHolder.withLock { $0 = link } }

    func recordLoad(cpuPercent: Double, memoryBytes: Int) {
        facts.withLock {
            $0.cpuPercent = cpuPercent
            $0.memoryBytes = memoryBytes
        }
    }

    func recordRunnerProblem(_ problem: String?) { facts.withLock { $0.runnerProblem = problem } }

    /// A finished run: a usage limit starts (or replaces) the pause this agent knows of;
    /// any other ending says the account worked, so a past pause is forgotten.
    func recordResult(_ result: TaskResult, now: Date, defaultPause: TimeInterval = 3600) {
        facts.withLock { facts in
            if result.outcome == .usageLimited {
                let limit = result.usageLimit ?? UsageLimit(kind: "unknown")
                facts.usageLimit = limit
                facts.limitedUntil = limit.resetsAt ?? now.addingTimeInterval(defaultPause)
            } else if result.outcome != .cancelled {
                facts.usageLimit = nil
                facts.limitedUntil = nil
            }
        }
    }
}
