/// Keeps the last `limit` bytes of a stream, so a huge transcript costs bounded memory.
struct ByteTail: Sendable {
    let limit: Int
    private var storage: [UInt8] = []
    /// Bytes seen but no longer kept.
    private(set) var droppedCount = 0

    init(limit: Int) {
        self.limit = max(0, limit)
    }

    /// Appends bytes, forgetting the oldest beyond the limit.
    mutating func append(_ bytes: some Collection<UInt8>) {
        storage.append(contentsOf: bytes)
        // Trim only when twice over the limit, so appends stay amortised O(1).
        if storage.count > limit * 2 || (limit == 0 && !storage.isEmpty) {
            trim()
        }
    }

    /// The kept bytes.
    var bytes: [UInt8] {
        var copy = self
        copy.trim()
        return copy.storage
    }

    /// The kept bytes as text, starting at a line boundary when bytes were dropped.
    var text: String {
        var copy = self
        copy.trim()
        var kept = copy.storage[...]
        if copy.droppedCount > 0, let newline = kept.firstIndex(of: UInt8(ascii: "\n")) {
            kept = kept[kept.index(after: newline)...]
        }
        return String(decoding: kept, as: UTF8.self)
    }

    private mutating func trim() {
        let excess = storage.count - limit
        guard excess > 0 else { return }
        storage.removeFirst(excess)
        droppedCount += excess
    }
}
