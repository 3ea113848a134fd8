/// The workers of one group (an exact service, or a task queue key) that have a free
/// slot, least loaded first: a binary min-heap on ``LoadRank``, so that a pick costs
/// O(log n) instead of a look at every worker of the group (with 10,000 agents the scan
/// was most of a burst's broker time; docs/BENCHMARKS.md, part 6).
///
/// Entries are never updated in place. When a worker's rank changes, ``WorkerRegistry``
/// gives the worker a fresh stamp and pushes a new entry; an entry whose stamp is no
/// longer its worker's (or whose worker is gone) is stale, and is dropped when it
/// reaches the top. ``compact(keeping:)`` bounds the stale entries.
struct LoadQueue: Sendable {
    private struct Entry: Sendable {
        var rank: LoadRank
        var peer: PeerID
        var stamp: UInt64
    }

    private var entries: [Entry] = []

    /// Entries, stale ones included.
    var count: Int { entries.count }

    mutating func push(_ peer: PeerID, rank: LoadRank, stamp: UInt64) {
        entries.append(Entry(rank: rank, peer: peer, stamp: stamp))
        siftUp(entries.count - 1)
    }

    /// The least loaded worker whose entry is current (`isCurrent(peer, stamp)`), dropping
    /// the stale entries above it. It stays in the queue: giving it work changes its rank,
    /// which pushes its next entry.
    mutating func first(isCurrent: (PeerID, UInt64) -> Bool) -> PeerID? {
        while let top = entries.first {
            if isCurrent(top.peer, top.stamp) { return top.peer }
            popFirst()
        }
        return nil
    }

    /// Drops every stale entry (`isCurrent` false) and restores the heap, in O(n).
    mutating func compact(keeping isCurrent: (PeerID, UInt64) -> Bool) {
        entries.removeAll { !isCurrent($0.peer, $0.stamp) }
        var index = entries.count / 2
        while index > 0 {
            index -= 1
            siftDown(index)
        }
    }

    private mutating func popFirst() {
        let last = entries.removeLast()
        guard !entries.isEmpty else { return }
        entries[0] = last
        siftDown(0)
    }

    private func precedes(_ lhs: Int, _ rhs: Int) -> Bool { entries[lhs].rank < entries[rhs].rank }

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
