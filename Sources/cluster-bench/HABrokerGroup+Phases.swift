import Foundation

extension HABrokerGroup {
    /// When a takeover's phases happened, by the brokers' own logs: the new active took the
    /// lease, then was ready (journal loaded, sockets bound).
    struct TakeoverPhases: Sendable {
        var leaseTaken: Date
        var ready: Date?
    }

    /// The first takeover after `instant` in any broker's `router.log`; nil when none is logged yet.
    nonisolated func phases(after instant: Date) -> TakeoverPhases? {
        var earliest: TakeoverPhases?
        for member in members {
            let log = member.configFile.deletingLastPathComponent().appendingPathComponent("logs/router.log")
            guard let text = try? String(contentsOf: log, encoding: .utf8) else { continue }
            var phases: TakeoverPhases?
            for line in text.split(separator: "\n") {
                guard let at = Self.timestamp(of: line), at > instant else { continue }
                if phases == nil, line.contains("took the lease as epoch") {
                    phases = TakeoverPhases(leaseTaken: at)
                } else if phases != nil, line.contains("broker ready on") {
                    phases?.ready = at
                    break
                }
            }
            if let phases, earliest.map({ phases.leaseTaken < $0.leaseTaken }) ?? true { earliest = phases }
        }
        return earliest
    }

    /// The ISO 8601 time a `router.log` line starts with (milliseconds, UTC).
    private static func timestamp(of line: Substring) -> Date? {
        guard let space = line.firstIndex(of: " ") else { return nil }
        return try? Date(String(line[..<space]), strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}
