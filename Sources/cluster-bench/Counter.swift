import Synchronization

/// A count shared between a socket loop and the thread that reads it.
final class Counter: Sendable {
    private let value = Atomic<Int>(0)

    /// Adds `amount` (1 by default).
    func add(_ amount: Int = 1) {
        value.add(amount, ordering: .relaxed)
    }

    /// Adds one and returns the value before (a ticket dispenser).
    func next() -> Int {
        value.add(1, ordering: .relaxed).oldValue
    }

    /// The count now.
    var current: Int { value.load(ordering: .relaxed) }
}
