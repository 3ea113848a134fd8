/// A double-ended FIFO with amortised O(1) push and pop at both ends: enough of a deque
/// for the broker's queues without a dependency.
///
/// Elements pushed at the front live reversed in `front`; the rest live in `back` from
/// `backStart` on, so popping the front never shifts the array.
struct Deque<Element>: Sendable where Element: Sendable {
    private var front: [Element] = []
    private var back: [Element] = []
    private var backStart = 0

    var isEmpty: Bool { front.isEmpty && backStart == back.count }
    var count: Int { front.count + back.count - backStart }

    var first: Element? { front.last ?? (backStart < back.count ? back[backStart] : nil) }

    mutating func append(_ element: Element) { back.append(element) }

    mutating func prepend(_ element: Element) { front.append(element) }

    mutating func popFirst() -> Element? {
        if let element = front.popLast() { return element }
        guard backStart < back.count else { return nil }
        let element = back[backStart]
        backStart += 1
        if backStart == back.count {
            back.removeAll(keepingCapacity: true)
            backStart = 0
        } else if backStart > 64, backStart * 2 > back.count {
            back.removeFirst(backStart)
            backStart = 0
        }
        return element
    }

    /// Every element, front to back (for snapshots, not per-message work).
    var elements: [Element] { front.reversed() + back[backStart...] }
}
