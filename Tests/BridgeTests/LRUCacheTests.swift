@testable import Bridge
import Testing

@Suite("LRU cache")
struct LRUCacheTests {
    @Test func evictsLeastRecentlyUsed() {
        var cache = LRUCache<String, Int>(capacity: 2)
        cache.insert(1, for: "a")
        cache.insert(2, for: "b")
        #expect(cache.value(for: "a") == 1)  // a is now the most recent
        cache.insert(3, for: "c")  // evicts b
        #expect(cache.value(for: "b") == nil)
        #expect(cache.value(for: "a") == 1)
        #expect(cache.value(for: "c") == 3)
        #expect(cache.count == 2)
    }

    @Test func staysBoundedUnderChurn() {
        var cache = LRUCache<Int, Int>(capacity: 100)
        for key in 0..<10_000 {
            cache.insert(key, for: key)
            _ = cache.value(for: key / 2)
        }
        #expect(cache.count == 100)
        #expect(cache.value(for: 9_999) == 9_999)
    }

    @Test func reinsertRefreshesValue() {
        var cache = LRUCache<String, Int>(capacity: 1)
        cache.insert(1, for: "a")
        cache.insert(2, for: "a")
        #expect(cache.value(for: "a") == 2)
        #expect(cache.count == 1)
    }
}
