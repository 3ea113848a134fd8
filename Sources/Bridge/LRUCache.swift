/// A bounded map that forgets its least recently used entry when full.
///
/// Recency is a counter per access; `order` maps counters back to keys. Refreshed entries
/// leave gaps in `order` that eviction skips, so every operation is amortised O(1).
struct LRUCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    let capacity: Int
    private var entries: [Key: (value: Value, stamp: UInt64)] = [:]
    private var order: [UInt64: Key] = [:]
    private var nextStamp: UInt64 = 0
    private var oldestStamp: UInt64 = 0

    /// A cache holding at most `capacity` entries (at least one).
    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    var count: Int { entries.count }

    /// The value for `key`, marking it most recently used.
    mutating func value(for key: Key) -> Value? {
        guard let entry = entries[key] else { return nil }
        order[entry.stamp] = nil
        let stamp = takeStamp()
        entries[key] = (entry.value, stamp)
        order[stamp] = key
        return entry.value
    }

    /// Stores `value` as most recently used, evicting the least recently used beyond capacity.
    mutating func insert(_ value: Value, for key: Key) {
        if let old = entries[key] { order[old.stamp] = nil }
        let stamp = takeStamp()
        entries[key] = (value, stamp)
        order[stamp] = key
        while entries.count > capacity { evictOldest() }
    }

    private mutating func takeStamp() -> UInt64 {
        defer { nextStamp += 1 }
        return nextStamp
    }

    private mutating func evictOldest() {
        while oldestStamp < nextStamp {
            defer { oldestStamp += 1 }
            if let key = order.removeValue(forKey: oldestStamp) {
                entries[key] = nil
                return
            }
        }
    }
}
