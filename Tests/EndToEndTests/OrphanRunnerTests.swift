import Foundation
import TestSupport
import Testing
import Wire

#if canImport(Glibc)
import Glibc
#endif

/// No process outlives its owner: when an agent (or a whole `claude-cluster start`) is
/// killed with SIGKILL, its runner's process group, hooks and pull-request command die
/// with it, the task moves on once, and a restarted agent leaves nothing of the old attempt.
@Suite(.serialized, .timeLimit(.minutes(3))) struct OrphanRunnerTests {
    /// A cluster on free ports, described by one config file, whose runner hangs (ignoring
    /// SIGTERM, with a child of its own) on its first invocation and then behaves like
    /// sample-runner. Every invocation appends "<agent> <runner pid> <child pid>" to `runs`.
    struct Fixture {
        var root: URL
        var config: URL
        var router: String
        var origin: String
        var runs: URL

        init(_ label: String, agents: [String], extraAgentLines: String = "") throws {
            let root = try TestEnvironment.temporaryDirectory(label)
            self.root = root
            origin = try GitFixtures.makeOrigin(in: root)
            runs = root.appendingPathComponent("runs.txt")
            let runner = root.appendingPathComponent("hang-once-runner")
            let sample = TestEnvironment.repositoryRoot.appendingPathComponent("scripts/sample-runner").path
            try """
            #!/usr/bin/env bash
            agent=$1; shift
            if mkdir "\(root.path)/hung-once" 2>/dev/null; then
              trap '' TERM
              sleep 600 &
              echo "$agent $$ $!" >> "\(runs.path)"
              echo '{"type":"system","subtype":"init","session_id":"s1"}'
              wait
              exit 0
            fi
            echo "$agent $$ 0" >> "\(runs.path)"
            exec "\(sample)" "$@"
            """.write(to: runner, atomically: true, encoding: .utf8)
            chmod(runner.path, 0o755)
            let ports = try (0..<2).map { _ in try TestEnvironment.freePort() }
            router = "tcp://127.0.0.1:\(ports[0])"
            let agentLines = agents.map { name in
                "  - name: \(name)\n    specialty: backend\n    workspace: \(root.path)/\(name)-workspace\n\(extraAgentLines)"
            }.joined()
            config = root.appendingPathComponent("cluster.yaml")
            try """
            cluster:
              name: orphans
              data_dir: \(root.path)/data
            broker:
              bind: \(router)
              publish: tcp://127.0.0.1:\(ports[1])
              heartbeat_ms: 250
            agent_defaults:
              runner: [\(runner.path), "{agent}", -p, "{prompt}"]
              repository: \(origin)
              pull_request_command: []
            agents:
            \(agentLines)
            """.write(to: config, atomically: true, encoding: .utf8)
        }

        /// Starts `claude-cluster ARGUMENTS --config …`; with `ready`, waits for that output line,
        /// starting it again while it exits without one: a broker restarted on its earlier ports
        /// may find one held for a moment by a test running beside this one.
        func start(_ arguments: [String], name: String, ready: String? = nil) async throws -> ChildProcess {
            for _ in 0..<20 {
                let process = try ChildProcess(name, executable: TestEnvironment.clusterExecutable, arguments: arguments + ["--config", config.path])
                guard let ready, await process.waitForLine(containing: ready) == nil else { return process }
                guard !process.isRunning else {
                    Issue.record("\(name) did not start: \(process.text)")
                    return process
                }
                try await Task.sleep(for: .milliseconds(250))
            }
            Issue.record("\(name) did not start in 20 attempts")
            throw POSIXError(.EADDRINUSE)
        }

        /// Starts one agent of the config and waits until the broker has it (agents log to
        /// their own file, not to standard output).
        func agent(_ name: String) async throws -> ChildProcess {
            let process = try await start(["agent", "--name", name], name: name)
            try await waitForAgent(name, output: process)
            return process
        }

        func waitForAgent(_ name: String, output: ChildProcess? = nil) async throws {
            let client = try client()
            defer { client.close() }
            #expect(await TestEnvironment.eventually(timeout: .seconds(30)) {
                try await client.agents().contains { $0.name == name && $0.state != .offline }
            }, "\(name) did not register: \(output?.text ?? "")")
        }

        /// Lines of `runs` as (agent, runner pid, child pid).
        func invocations() -> [(agent: String, runner: Int32, child: Int32)] {
            let text = (try? String(contentsOf: runs, encoding: .utf8)) ?? ""
            return text.split(separator: "\n").compactMap { line in
                let fields = line.split(separator: " ")
                guard fields.count == 3, let runner = Int32(fields[1]), let child = Int32(fields[2]) else { return nil }
                return (String(fields[0]), runner, child)
            }
        }

        func client() throws -> ClusterClient {
            try ClusterClient(context: try ZMQContext(), endpoints: [router], options: .init(timeout: .seconds(3), attempts: 5))
        }
    }

    /// True while `pid` is a live (not zombie) process.
    static func isAlive(_ pid: Int32) -> Bool {
        guard pid > 0, let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return false }
        let state = stat[stat.index(close, offsetBy: 2)]
        return state != "Z" && state != "X"
    }

    /// Waits until none of `pids` lives; true if that happened within `limit`.
    static func allGone(_ pids: [Int32], within limit: Duration) async -> Bool {
        await TestEnvironment.eventually(timeout: limit, every: .milliseconds(20)) { pids.allSatisfy { !isAlive($0) } }
    }

    @Test func killedAgentTakesItsRunnerGroupAlongAndTheTaskRunsElsewhereOnce() async throws {
        let fixture = try Fixture("orphan-agent", agents: ["CC01", "CC02"])
        let broker = try await fixture.start(["broker"], name: "broker", ready: "broker ready")
        var first: ChildProcess? = try await fixture.agent("CC01")
        let client = try fixture.client()
        defer { client.close() }
        let record = try await client.submit(TaskSpec(title: "Hang on", description: "wait", target: "backend"))
        #expect(await TestEnvironment.eventually { fixture.invocations().count == 1 })
        let hung = try #require(fixture.invocations().first)
        #expect(hung.agent == "CC01" && Self.isAlive(hung.runner) && Self.isAlive(hung.child))
        let second = try await fixture.agent("CC02")

        first?.signal(SIGKILL)
        await first?.waitForExit()
        first = nil
        // The guard gives the runner one second after SIGTERM, then kills its group.
        #expect(await Self.allGone([hung.runner, hung.child], within: .seconds(2)), "the runner's group outlived its agent")

        #expect(await TestEnvironment.eventually(timeout: .seconds(30)) {
            try await client.task(id: record.id)?.task.state.isTerminal == true
        })
        let final = try #require(try await client.task(id: record.id)).task
        #expect(final.state == .succeeded, "ended \(final.state): \(final.error ?? "")")
        #expect(final.agent == "CC02")
        #expect(fixture.invocations().map(\.agent) == ["CC01", "CC02"], "the task ran more than once elsewhere")

        // CC01 comes back: nothing of its old attempt is left running or on disk.
        let restarted = try await fixture.agent("CC01")
        let worktrees = fixture.root.appendingPathComponent("CC01-workspace/worktrees")
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: worktrees.path)) ?? []).isEmpty)
        let records = fixture.root.appendingPathComponent("CC01-workspace/runs")
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: records.path)) ?? []).isEmpty)
        #expect(!Self.isAlive(hung.runner) && !Self.isAlive(hung.child))
        await restarted.stop()
        await second.stop()
        await broker.stop()
    }

    @Test func killedStartTakesEveryRunnerAlongAndTheRestartFinishesTheTask() async throws {
        let fixture = try Fixture("orphan-start", agents: ["CC01"])
        var cluster: ChildProcess? = try await fixture.start(["start"], name: "start")
        try await fixture.waitForAgent("CC01")
        let client = try fixture.client()
        defer { client.close() }
        let record = try await client.submit(TaskSpec(title: "Hang on", description: "wait", target: "backend"))
        #expect(await TestEnvironment.eventually { fixture.invocations().count == 1 })
        let hung = try #require(fixture.invocations().first)

        cluster?.signal(SIGKILL)
        await cluster?.waitForExit()
        cluster = nil
        #expect(await Self.allGone([hung.runner, hung.child], within: .seconds(2)), "the runner's group outlived claude-cluster start")

        // The journal kept the task: the restarted cluster runs it to the end, once more.
        let restarted = try await fixture.start(["start"], name: "start again", ready: "broker ready")
        #expect(await TestEnvironment.eventually(timeout: .seconds(40)) {
            try await client.task(id: record.id)?.task.state == .succeeded
        })
        #expect(fixture.invocations().count == 2)
        await restarted.stop()
    }

    @Test func aHangingHookAndPullRequestCommandDieWithTheirAgent() async throws {
        let root = try TestEnvironment.temporaryDirectory("orphan-hooks")
        let hooks = root.appendingPathComponent("hooks")
        try FileManager.default.createDirectory(at: hooks, withIntermediateDirectories: true)
        let hang = { (file: String) in
            "#!/usr/bin/env bash\ntrap '' TERM\necho $$ > \(root.path)/\(file)\nsleep 600 &\necho $! >> \(root.path)/\(file)\nwait\n"
        }
        try hang("hook.pids").write(to: hooks.appendingPathComponent("on-task-received"), atomically: true, encoding: .utf8)
        chmod(hooks.appendingPathComponent("on-task-received").path, 0o755)
        let pullRequest = root.appendingPathComponent("hanging-gh")
        try hang("gh.pids").write(to: pullRequest, atomically: true, encoding: .utf8)
        chmod(pullRequest.path, 0o755)
        let fixture = try Fixture(
            "orphan-hook-cluster", agents: ["CC01"],
            extraAgentLines: "    hooks_dir: \(hooks.path)\n    pull_request_command: [\(pullRequest.path)]\n")
        // The first invocation of the fixture's runner hangs: use it up so this task runs through to its pull request.
        try FileManager.default.createDirectory(at: fixture.root.appendingPathComponent("hung-once"), withIntermediateDirectories: true)
        let broker = try await fixture.start(["broker"], name: "broker", ready: "broker ready")
        let agent = try await fixture.agent("CC01")
        let client = try fixture.client()
        defer { client.close() }
        _ = try await client.submit(TaskSpec(title: "Open a pull request", description: "pr", target: "backend"))
        let pidsOf = { (file: String) -> [Int32] in
            ((try? String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)) ?? "")
                .split(separator: "\n").compactMap { Int32($0) }
        }
        #expect(await TestEnvironment.eventually { pidsOf("hook.pids").count == 2 && pidsOf("gh.pids").count == 2 })
        let pids = pidsOf("hook.pids") + pidsOf("gh.pids")
        #expect(pids.allSatisfy(Self.isAlive))

        agent.signal(SIGKILL)
        await agent.waitForExit()
        #expect(await Self.allGone(pids, within: .seconds(2)), "a hook or the pull-request command outlived its agent")
        await broker.stop()
    }
}
