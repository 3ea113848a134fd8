import Synchronization

/// The answers to recent webhook deliveries by `X-GitHub-Delivery`, so a redelivery is
/// answered the same way and does nothing twice.
///
/// This only covers one process's memory; the task's idempotency key
/// (`github:<delivery>`) lets the broker dedupe across bridge restarts too.
final class DeliveryLog: Sendable {
    private let cache: Mutex<LRUCache<String, WebhookAnswer>>

    /// Remembers up to `capacity` deliveries.
    init(capacity: Int = 10_000) {
        self.cache = Mutex(LRUCache(capacity: capacity))
    }

    /// The answer given to `delivery`, if it was handled recently.
    func answer(for delivery: String) -> WebhookAnswer? {
        cache.withLock { $0.value(for: delivery) }
    }

    /// Records the answer given to `delivery`.
    func remember(_ answer: WebhookAnswer, for delivery: String) {
        cache.withLock { $0.insert(answer, for: delivery) }
    }
}
