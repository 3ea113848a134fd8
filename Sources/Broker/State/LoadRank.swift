/// How loaded a worker with a free slot is, for least-loaded balancing: the smaller rank
/// gets the next request or task.
///
/// Compared field by field: fewest requests and tasks held; then the one given work
/// longest ago (never first), so that a burst reaches every idle agent before any agent
/// gets a second task, and a trickle of tasks goes round the agents instead of back to
/// the one that just finished; then lower CPU and lower memory from the agent's last load
/// report (these split agents equally idle, such as agents never given work); then the
/// earliest registered.
///
/// The time since work was last given ranks above the load report on purpose: reports
/// are up to a heartbeat old, and an idle agent's own memory differs from another's by
/// a few megabytes, so the report alone would send every task of a burst that trickles
/// in to whichever idle agent happens to report least (docs/ARCHITECTURE.md, "Dispatch
/// fairness").
struct LoadRank: Comparable, Sendable {
    var inFlight: Int
    /// ``WorkerRegistry``'s sequence number of the last time it was given work; 0: never.
    var lastGiven: UInt64
    var cpuPercent: Double
    var rssBytes: Int
    var generation: Int

    init(of worker: Worker) {
        inFlight = worker.inFlight
        lastGiven = worker.lastGiven
        // A report of NaN would compare neither way and break the ordering: rank it last.
        let cpu = worker.load?.cpuPercent ?? 0
        cpuPercent = cpu.isNaN ? .infinity : cpu
        rssBytes = worker.load?.rssBytes ?? 0
        generation = worker.generation
    }

    static func < (lhs: LoadRank, rhs: LoadRank) -> Bool {
        if lhs.inFlight != rhs.inFlight { return lhs.inFlight < rhs.inFlight }
        if lhs.lastGiven != rhs.lastGiven { return lhs.lastGiven < rhs.lastGiven }
        if lhs.cpuPercent != rhs.cpuPercent { return lhs.cpuPercent < rhs.cpuPercent }
        if lhs.rssBytes != rhs.rssBytes { return lhs.rssBytes < rhs.rssBytes }
        return lhs.generation < rhs.generation
    }
}
