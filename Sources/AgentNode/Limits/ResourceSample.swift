/// The load of one process tree at one moment, as heartbeats carry it.
struct ResourceSample: Sendable, Hashable {
    /// CPU used since the previous sample, in percent of one core (200 = two cores busy).
    var cpuPercent: Double
    /// Resident memory of every process in the tree.
    var residentBytes: UInt64
    /// Processes in the tree, the root included.
    var processCount: Int

    /// Creates a sample.
    init(cpuPercent: Double, residentBytes: UInt64, processCount: Int) {
        self.cpuPercent = cpuPercent
        self.residentBytes = residentBytes
        self.processCount = processCount
    }
}
