/// A binary min-heap of deadlines on the monotonic clock, each naming what it is for.
///
/// Entries are never removed early: whoever pops one checks that it still applies (the
/// task may have finished, the worker re-registered). That keeps every operation
/// O(log n) and the entries bounded by the things the broker tracks.
struct DeadlineHeap<Key: Sendable>: Sendable {
    private struct Entry: Sendable {
        var deadline: Duration
        /// Insertion order, so equal deadlines pop first-in first-out.
        var order: UInt64
        var key: Key
    }

    private var entries: [Entry] = []
    private var nextOrder: UInt64 = 0

    var count: Int { entries.count }

    /// The earliest deadline, if any.
    var earliest: Duration? { entries.first?.deadline }

    mutating func insert(_ key: Key, at deadline: Duration) {
        entries.append(Entry(deadline: deadline, order: nextOrder, key: key))
        nextOrder += 1
        siftUp(entries.count - 1)
    }

    /// Removes and returns the earliest entry whose deadline is at or before `now`.
    mutating func popDue(at now: Duration) -> (key: Key, deadline: Duration)? {
        guard let top = entries.first, top.deadline <= now else { return nil }
        let last = entries.removeLast()
        if !entries.isEmpty {
            entries[0] = last
            siftDown(0)
        }
        return (top.key, top.deadline)
    }

    /// Whether the entry at `lhs` comes first. Reads the two fields in place: calling a
    /// method on `entries[i]` copied the entry, key and all, on every comparison.
    private func precedes(_ lhs: Int, _ rhs: Int) -> Bool {
        let left = entries[lhs].deadline, right = entries[rhs].deadline
        return left != right ? left < right : entries[lhs].order < entries[rhs].order
    }

    private mutating func siftUp(_ start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard precedes(child, parent) else { return }
            entries.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        while true {
            let left = parent * 2 + 1
            let right = left + 1
            var smallest = parent
            if left < entries.count, precedes(left, smallest) { smallest = left }
            if right < entries.count, precedes(right, smallest) { smallest = right }
            guard smallest != parent else { return }
            entries.swapAt(parent, smallest)
            parent = smallest
        }
    }
}
