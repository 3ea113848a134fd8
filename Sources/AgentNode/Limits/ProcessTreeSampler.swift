#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Samples CPU and memory of a process and all its descendants from `/proc` (Linux).
///
/// CPU percent needs two readings: the first sample reports 0 and later ones the CPU time
/// used since the previous call, divided by the time between them (passed in, so tests
/// control it). Reaped children's time is included, so short-lived runners still count.
struct ProcessTreeSampler: Sendable {
    let rootPID: Int32
    let procRoot: String
    private let ticksPerSecond: Double
    private let pageSize: UInt64
    private var previous: (ticks: UInt64, at: ContinuousClock.Instant)?

    /// Creates a sampler for the tree under `rootPID` (default: this process).
    init(rootPID: Int32 = getpid(), procRoot: String = "/proc") {
        self.rootPID = rootPID
        self.procRoot = procRoot
        let ticks = sysconf(Int32(_SC_CLK_TCK))
        self.ticksPerSecond = ticks > 0 ? Double(ticks) : 100
        let page = sysconf(Int32(_SC_PAGESIZE))
        self.pageSize = page > 0 ? UInt64(page) : 4096
    }

    /// Reads `/proc` now and returns the tree's load since the previous sample.
    mutating func sample(at now: ContinuousClock.Instant) -> ResourceSample {
        sample(from: ProcessTable.snapshot(procRoot: procRoot), at: now)
    }

    /// The tree's load from an already-read table.
    mutating func sample(from table: ProcessTable, at now: ContinuousClock.Instant) -> ResourceSample {
        let tree = table.tree(rootedAt: rootPID)
        let ticks = tree.reduce(UInt64(0)) { $0 + $1.cpuTicks }
        let resident = tree.reduce(UInt64(0)) { $0 + $1.residentPages } * pageSize
        var percent = 0.0
        if let previous {
            let elapsed = (now - previous.at) / .seconds(1)
            // Processes leaving the tree can make the total drop; that is no negative load.
            if elapsed > 0, ticks > previous.ticks {
                percent = Double(ticks - previous.ticks) / ticksPerSecond / elapsed * 100
            }
        }
        previous = (ticks, now)
        return ResourceSample(cpuPercent: percent, residentBytes: resident, processCount: tree.count)
    }
}
