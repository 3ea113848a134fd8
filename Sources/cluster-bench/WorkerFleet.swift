import Foundation
import ClusterHarness

/// The fault suite's agents: plain Python MDP workers (Tests/Interop/mdp_worker.py), one
/// process each, that can be SIGKILLed at random and replaced.
actor WorkerFleet {
    private let script: String
    private let endpoint: String
    private let service: String
    private let workMilliseconds: Int
    private var workers: [ChildProcess] = []
    private var started = 0
    /// Workers killed on purpose.
    private(set) var kills = 0
    /// Each worker sends every this many-th result twice, so the run offers the broker
    /// second results to refuse (`DuplicateResultTally`).
    static let repeatFinalEvery = 10

    init(script: String, endpoint: String, service: String, workMilliseconds: Int) {
        self.script = script
        self.endpoint = endpoint
        self.service = service
        self.workMilliseconds = workMilliseconds
    }

    /// Starts `count` workers and waits until each says it is ready.
    func start(_ count: Int) async throws {
        for _ in 0..<count { try await add() }
    }

    /// SIGKILLs one worker chosen at random and starts a replacement.
    func killOneAndReplace() async throws {
        guard !workers.isEmpty else { return }
        let victim = workers.remove(at: Int.random(in: 0..<workers.count))
        victim.signal(SIGKILL)
        kills += 1
        try await add()
    }

    /// Stops every worker. SIGKILL: they hold nothing worth a graceful end, and a Python
    /// child started from a Swift concurrency thread inherits a blocked SIGTERM anyway.
    func stop() async {
        for worker in workers {
            worker.signal(SIGKILL)
            _ = await worker.waitForExit(timeout: .seconds(5))
        }
        workers.removeAll()
    }

    private func add() async throws {
        let name = "w\(started)"
        started += 1
        let worker = try ChildProcess(name, executable: "/usr/bin/env", arguments: [
            "python3", "-u", script, "--endpoint", endpoint, "--service", service,
            "--delay-ms", "\(workMilliseconds)", "--name", name,
            "--repeat-final-every", "\(Self.repeatFinalEvery)",
        ])
        guard await worker.waitForLine(containing: "ready", timeout: .seconds(20)) != nil else {
            worker.signal(SIGKILL)
            throw BenchError.setup("python worker \(name) did not start: \(worker.text) (is pyzmq installed? scripts/setup.sh installs it)")
        }
        workers.append(worker)
    }
}
