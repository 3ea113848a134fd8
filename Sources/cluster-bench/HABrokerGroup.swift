import Foundation
import ClusterHarness

/// The HA run's `claude-cluster broker` processes, each with its own configuration file
/// (its name, ports and `broker.ha`) on one PostgreSQL journal: kills the active one on
/// purpose and starts it again at once, when it waits as a standby; notices a broker that
/// exits by itself (a step-down exits 75) and starts it again too.
actor HABrokerGroup {
    struct Member: Sendable {
        var name: String
        var router: String
        var publisher: String
        var configFile: URL
    }

    private let binary: String
    let members: [Member]
    private var processes: [String: ChildProcess] = [:]
    /// Exits nobody asked for, with the broker's last words.
    private(set) var exits: [String] = []

    /// Writes each broker's configuration; `journal` is the `broker.journal` YAML block's
    /// body (indented by the caller's convention: four spaces).
    init(binary: String, names: [String], root: URL, journalYAML: String) throws {
        self.binary = binary
        var members: [Member] = []
        for name in names {
            let router = "tcp://127.0.0.1:\(try FreePort.next())"
            let publisher = "tcp://127.0.0.1:\(try FreePort.next())"
            let folder = root.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let file = folder.appendingPathComponent("broker.yaml")
            try """
            cluster:
              name: ha-bench
              data_dir: \(folder.path)
            broker:
              bind: \(router)
              publish: \(publisher)
              journal:
            \(journalYAML)
              ha:
                name: \(name)
            """.write(to: file, atomically: true, encoding: .utf8)
            members.append(Member(name: name, router: router, publisher: publisher, configFile: file))
        }
        self.members = members
    }

    nonisolated var routers: [String] { members.map(\.router) }
    nonisolated var publishers: [String] { members.map(\.publisher) }

    /// Starts every broker; the first to take the lease serves.
    func startAll() async throws {
        for member in members { try await start(member) }
    }

    /// SIGKILLs broker `name`, waits for it to be gone, and starts it again (a standby now).
    func killAndRestart(_ name: String) async throws {
        guard let member = members.first(where: { $0.name == name }), let process = processes[name] else {
            throw BenchError.setup("no broker named \(name)")
        }
        process.signal(SIGKILL)
        _ = await process.waitForExit(timeout: .seconds(10))
        try await start(member)
    }

    /// Starts again every broker that exited by itself, noting why.
    func check() async throws {
        for member in members {
            guard let process = processes[member.name], !process.isRunning else { continue }
            exits.append("\(member.name): \(process.lines.suffix(5).joined(separator: " | "))")
            try await start(member)
        }
    }

    func stopAll() async {
        for process in processes.values { await process.stop() }
    }

    private func start(_ member: Member) async throws {
        let process = try ChildProcess(member.name, executable: binary, arguments: ["broker", "--config", member.configFile.path])
        guard await process.waitForLine(containing: "started as a standby", timeout: .seconds(30)) != nil else {
            process.signal(SIGKILL)
            throw BenchError.setup("broker \(member.name) did not start: \(process.text)")
        }
        processes[member.name] = process
    }
}
