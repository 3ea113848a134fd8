/// Where a task is in its life.
///
/// `queued -> assigned -> running -> succeeded | failed | timed_out | cancelled`, with
/// `retrying` between attempts and `dead_lettered` after the last failed attempt.
public enum TaskState: String, Codable, Sendable, CaseIterable, Hashable {
    case queued
    case assigned
    case running
    case retrying
    case succeeded
    case failed
    case timedOut = "timed_out"
    case cancelled
    case deadLettered = "dead_lettered"

    /// A terminal task never changes state again and is never dispatched.
    public var isTerminal: Bool {
        switch self {
        case .succeeded, .failed, .timedOut, .cancelled, .deadLettered: true
        case .queued, .assigned, .running, .retrying: false
        }
    }
}

/// Who handed the cluster a task.
public enum TaskSource: String, Codable, Sendable, CaseIterable, Hashable {
    case api, cli, github, agent
}

/// How urgent a task is; the broker dispatches higher priorities first.
public enum TaskPriority: String, Codable, Sendable, CaseIterable, Hashable, Comparable {
    case low, normal, high, urgent

    var rank: Int {
        switch self {
        case .low: 0
        case .normal: 1
        case .high: 2
        case .urgent: 3
        }
    }

    public static func < (lhs: TaskPriority, rhs: TaskPriority) -> Bool { lhs.rank < rhs.rank }
}
