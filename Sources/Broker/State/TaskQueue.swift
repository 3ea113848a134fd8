import Foundation
import Wire

/// The tasks waiting under one queue key (a specialty or an agent name): urgent first,
/// then high, normal, low; oldest first within a priority, except that a task whose agent
/// was lost goes back to the front of its priority.
///
/// Entries are removed lazily: a task that leaves the queue (cancelled, decided) keeps
/// its entry until it reaches the head, where the ticket check drops it.
struct TaskQueue: Sendable {
    struct Entry: Sendable, Hashable {
        let taskID: String
        /// Matches the task's current ticket while the entry is live.
        let ticket: Int
        let priority: TaskPriority
        let createdAt: Date
    }

    /// One lane per priority, most urgent first.
    private var lanes: [Deque<Entry>] = Array(repeating: Deque(), count: 4)

    var isEmpty: Bool { lanes.allSatisfy(\.isEmpty) }

    /// Entries including stale ones; for sizing, not for counting tasks.
    var entryCount: Int { lanes.reduce(0) { $0 + $1.count } }

    mutating func push(_ entry: Entry, atFront: Bool) {
        let lane = Self.lane(entry.priority)
        if atFront { lanes[lane].prepend(entry) } else { lanes[lane].append(entry) }
    }

    /// The first live entry, dropping stale ones on the way.
    mutating func head(isLive: (Entry) -> Bool) -> Entry? {
        for lane in lanes.indices {
            while let entry = lanes[lane].first {
                if isLive(entry) { return entry }
                _ = lanes[lane].popFirst()
            }
        }
        return nil
    }

    /// Removes the head entry (call after ``head(isLive:)`` returned it).
    mutating func removeHead(_ entry: Entry) {
        let lane = Self.lane(entry.priority)
        if lanes[lane].first == entry { _ = lanes[lane].popFirst() }
    }

    private static func lane(_ priority: TaskPriority) -> Int {
        switch priority {
        case .urgent: 0
        case .high: 1
        case .normal: 2
        case .low: 3
        }
    }
}

extension TaskQueue.Entry {
    /// Whether this entry should be served before `other` from another queue.
    func precedes(_ other: TaskQueue.Entry) -> Bool {
        if priority != other.priority { return priority > other.priority }
        return createdAt < other.createdAt
    }
}
