/// The fields the agent needs from one `/proc/<pid>/stat` line.
struct ProcessStat: Sendable, Hashable {
    var pid: Int32
    var command: String
    /// One letter: `R` running, `S` sleeping, `Z` zombie, ...
    var state: Character
    var parentPID: Int32
    var processGroup: Int32
    /// CPU time in clock ticks: user + system, plus that of reaped children.
    var cpuTicks: UInt64
    /// Resident set size in pages.
    var residentPages: UInt64
    /// When the process started, in clock ticks since boot: with the pid, it names one
    /// process even after the pid is reused.
    var startTicks: UInt64

    /// True for processes that have exited but not been reaped (`Z`) or are dead (`X`).
    var isDefunct: Bool { state == "Z" || state == "X" || state == "x" }

    /// Parses a stat line; nil when it is not one.
    ///
    /// The command sits in parentheses and may itself contain spaces and parentheses, so
    /// the fields are counted from the last `)`.
    init?(statLine line: String) {
        guard let open = line.firstIndex(of: "("), let close = line.lastIndex(of: ")"), open < close,
            let pid = Int32(String(line[..<open]).trimmingWhitespace())
        else { return nil }
        let fields = line[line.index(after: close)...].split(separator: " ", omittingEmptySubsequences: true)
        // After the command: state(0) ppid(1) pgrp(2) ... utime(11) stime(12) cutime(13) cstime(14) ... rss(21)
        guard fields.count > 21, let state = fields[0].first,
            let parent = Int32(fields[1]), let group = Int32(fields[2]),
            let utime = UInt64(fields[11]), let stime = UInt64(fields[12]),
            let started = UInt64(fields[19]), let rss = Int64(fields[21])
        else { return nil }
        // Reaped children's time is signed in the kernel's format; negative never happens in practice.
        let cutime = UInt64(max(0, Int64(fields[13]) ?? 0))
        let cstime = UInt64(max(0, Int64(fields[14]) ?? 0))
        self.pid = pid
        self.command = String(line[line.index(after: open)..<close])
        self.state = state
        self.parentPID = parent
        self.processGroup = group
        self.cpuTicks = utime + stime + cutime + cstime
        self.residentPages = UInt64(max(0, rss))
        self.startTicks = started
    }
}
