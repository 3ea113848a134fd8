#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The process's limit on open files (`RLIMIT_NOFILE`), which bounds how many agents one
/// broker can hold: each connected agent is one TCP socket, so one descriptor.
///
/// Most systems start a process with a soft limit of 1,024 under a much higher hard
/// limit; the broker raises its soft limit to the hard limit when it starts, which any
/// process may do, so an operator needs to act only when the hard limit itself is too
/// low (docs/OPERATIONS.md, "Many agents").
package enum OpenFileLimit {
    /// The soft limit before and after the raise.
    package struct Raise: Sendable, Hashable {
        package var before: UInt64
        package var after: UInt64
    }

    /// Raises the soft limit to the hard limit; nil when the limits cannot be read. When
    /// the raise itself is refused, `after` equals `before`.
    package static func raiseToHard() -> Raise? {
        var limit = rlimit()
        guard getrlimit(Self.resource, &limit) == 0 else { return nil }
        let before = UInt64(limit.rlim_cur)
        guard limit.rlim_cur < limit.rlim_max else { return Raise(before: before, after: before) }
        var raised = limit
        raised.rlim_cur = limit.rlim_max
        guard setrlimit(Self.resource, &raised) == 0 else { return Raise(before: before, after: before) }
        return Raise(before: before, after: UInt64(raised.rlim_cur))
    }

    #if canImport(Glibc)
    private static let resource = __rlimit_resource_t(UInt32(RLIMIT_NOFILE.rawValue))
    #else
    private static let resource = RLIMIT_NOFILE
    #endif
}
