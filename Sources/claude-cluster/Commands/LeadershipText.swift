import Foundation
import Wire

/// The lines `claude-cluster status` prints about brokers sharing a PostgreSQL journal.
enum LeadershipText {
    static func lines(_ leadership: BrokerLeadership, now: Date = Date()) -> [String] {
        var lines = ["active broker \(leadership.active) at \(leadership.endpoint), epoch \(leadership.epoch), since \(Describe.timestamp(leadership.since))"]
        if leadership.standbys.isEmpty {
            lines.append("no standby broker waiting")
        } else {
            let standbys = leadership.standbys.map { "\($0.name) at \($0.endpoint) (seen \(Describe.age(of: $0.seenAt, now: now)))" }
            lines.append("standby brokers: " + standbys.joined(separator: ", "))
        }
        return lines
    }
}
