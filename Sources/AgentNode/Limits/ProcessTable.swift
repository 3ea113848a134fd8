#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A snapshot of every process in a `/proc` file system.
struct ProcessTable: Sendable {
    /// Every process that could be read, by pid.
    var processes: [Int32: ProcessStat]

    /// Creates a table from parsed entries (tests build tables by hand).
    init(processes: [ProcessStat]) {
        self.processes = Dictionary(processes.map { ($0.pid, $0) }, uniquingKeysWith: { _, last in last })
    }

    /// Reads `<procRoot>/<pid>/stat` for every numeric entry; processes that vanish midway are skipped.
    static func snapshot(procRoot: String = "/proc") -> ProcessTable {
        guard let directory = opendir(procRoot) else { return ProcessTable(processes: []) }
        defer { closedir(directory) }
        var stats: [ProcessStat] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            guard !name.isEmpty, name.allSatisfy(\.isASCIIDigit) else { continue }
            if let text = readSmallFile("\(procRoot)/\(name)/stat"), let stat = ProcessStat(statLine: text) {
                stats.append(stat)
            }
        }
        return ProcessTable(processes: stats)
    }

    /// `root` and all its descendants that are still in the table.
    func tree(rootedAt root: Int32) -> [ProcessStat] {
        var children: [Int32: [Int32]] = [:]
        for stat in processes.values { children[stat.parentPID, default: []].append(stat.pid) }
        var result: [ProcessStat] = []
        var queue: [Int32] = [root]
        var seen: Set<Int32> = []
        while let pid = queue.popLast() {
            guard seen.insert(pid).inserted, let stat = processes[pid] else { continue }
            result.append(stat)
            queue.append(contentsOf: children[pid] ?? [])
        }
        return result
    }

    /// Live (not zombie) members of a process group.
    func liveMembers(ofGroup group: Int32) -> [ProcessStat] {
        processes.values.filter { $0.processGroup == group && !$0.isDefunct }
    }

    /// Reads a small file to the end; `/proc` files report size 0, so stat-based reads fail.
    static func readSmallFile(_ path: String) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            bytes.append(contentsOf: buffer[0..<count])
            if bytes.count > 1 << 20 { break }
        }
        return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self)
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
