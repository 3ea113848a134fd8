import Foundation

/// One runner that is running, written to the agent's data directory while it runs, so a
/// later start of the agent can find it if this one dies (`<workspace>/runs/<task>.json`).
struct RunRecord: Codable, Sendable, Hashable {
    /// The process group the runner leads (its guard's pid).
    var pid: Int32
    /// When that process started, in clock ticks since boot, to tell a reused pid apart.
    var startTicks: UInt64
    var taskID: String
    var attempt: Int
    /// The task's worktree.
    var worktree: String

    enum CodingKeys: String, CodingKey {
        case pid
        case startTicks = "start_ticks"
        case taskID = "task_id"
        case attempt, worktree
    }

    /// The process groups of `records` that still have live members and are still the
    /// recorded runs (not a newer process that happens to have the same pid). Pure.
    static func groupsToStop(_ records: [RunRecord], in table: ProcessTable) -> [Int32] {
        records.compactMap { record in
            guard record.pid > 1, !table.liveMembers(ofGroup: record.pid).isEmpty else { return nil }
            // The kernel never hands out a pid still in use as a group id, so live members
            // of the group are the recorded run's, unless its leader is a new process.
            if let leader = table.processes[record.pid], !leader.isDefunct, leader.startTicks != record.startTicks {
                return nil
            }
            return record.pid
        }
    }
}

/// The folder of run records: written as runners start, removed as they end, read at start.
struct RunRecordFolder: Sendable {
    var directory: URL

    /// Records the run led by `pid`; a record that cannot be written is logged by the caller.
    func write(pid: Int32, taskID: String, attempt: Int, worktree: URL) throws {
        let started = ProcessTable.readSmallFile("/proc/\(pid)/stat").flatMap(ProcessStat.init(statLine:))?.startTicks ?? 0
        let record = RunRecord(pid: pid, startTicks: started, taskID: taskID, attempt: attempt, worktree: worktree.path)
        try FileSystem.createDirectory(directory)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(record)
        try data.write(to: file(for: taskID), options: .atomic)
    }

    func remove(taskID: String) {
        try? FileManager.default.removeItem(at: file(for: taskID))
    }

    /// Every readable record; unreadable files are returned by name so they can be reported.
    func all() -> (records: [RunRecord], unreadable: [URL]) {
        var records: [RunRecord] = []
        var unreadable: [URL] = []
        for url in FileSystem.children(of: directory) where url.pathExtension == "json" {
            if let data = try? Data(contentsOf: url), let record = try? JSONDecoder().decode(RunRecord.self, from: data) {
                records.append(record)
            } else {
                unreadable.append(url)
            }
        }
        return (records, unreadable)
    }

    /// Stops what is left of runs recorded by an earlier life of this agent and forgets
    /// them; returns the records whose process group was still alive.
    func stopLeftovers(grace: Duration) async -> [RunRecord] {
        let (records, unreadable) = all()
        let groups = Set(RunRecord.groupsToStop(records, in: ProcessTable.snapshot()))
        for group in groups {
            await ProcessGroupReaper.stop(group: group, grace: grace)
        }
        for url in unreadable { try? FileManager.default.removeItem(at: url) }
        for record in records { remove(taskID: record.taskID) }
        return records.filter { groups.contains($0.pid) }
    }

    private func file(for taskID: String) -> URL {
        let safe = String(taskID.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" })
        return directory.appendingPathComponent(safe + ".json")
    }
}
