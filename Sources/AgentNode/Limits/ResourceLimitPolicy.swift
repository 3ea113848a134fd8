/// Decides whether a sample crosses the configured limits. Pure.
public struct ResourceLimitPolicy: Sendable, Hashable {
    /// CPU percent (of one core) above which the tree is over its limit; nil for none.
    var maxCPUPercent: Double?
    /// Resident bytes above which the tree is over its limit; nil for none.
    var maxResidentBytes: UInt64?

    /// Creates a policy; a nil limit is never crossed.
    public init(maxCPUPercent: Double? = nil, maxResidentBytes: UInt64? = nil) {
        self.maxCPUPercent = maxCPUPercent
        self.maxResidentBytes = maxResidentBytes
    }

    /// Every limit the sample is over; empty when within limits.
    func breaches(in sample: ResourceSample) -> [ResourceLimitBreach] {
        var breaches: [ResourceLimitBreach] = []
        if let limit = maxCPUPercent, sample.cpuPercent > limit {
            breaches.append(.cpu(percent: sample.cpuPercent, limit: limit))
        }
        if let limit = maxResidentBytes, sample.residentBytes > limit {
            breaches.append(.memory(bytes: sample.residentBytes, limit: limit))
        }
        return breaches
    }
}

/// One limit a sample is over.
enum ResourceLimitBreach: Sendable, Hashable, CustomStringConvertible {
    case cpu(percent: Double, limit: Double)
    case memory(bytes: UInt64, limit: UInt64)

    /// `cpu` or `memory`, for hook environment variables and alerts.
    var resource: String {
        switch self {
        case .cpu: "cpu"
        case .memory: "memory"
        }
    }

    var description: String {
        switch self {
        case .cpu(let percent, let limit):
            "CPU at \(Int(percent.rounded()))% is over the limit of \(Int(limit.rounded()))%"
        case .memory(let bytes, let limit):
            "resident memory of \(bytes / (1 << 20)) MiB is over the limit of \(limit / (1 << 20)) MiB"
        }
    }
}
