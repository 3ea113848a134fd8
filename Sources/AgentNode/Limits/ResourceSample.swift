/// The load of one process tree at one moment, as heartbeats carry it.
public struct ResourceSample: Sendable, Hashable {
    /// CPU used since the previous sample, in percent of one core (200 = two cores busy).
    public var cpuPercent: Double
    /// Resident memory of every process in the tree.
    public var residentBytes: UInt64
    /// Processes in the tree, the root included.
    public var processCount: Int

    /// Creates a sample.
    public init(cpuPercent: Double, residentBytes: UInt64, processCount: Int) {
        self.cpuPercent = cpuPercent
        self.residentBytes = residentBytes
        self.processCount = processCount
    }
}
