import Synchronization

/// True exactly once: for warnings that should be logged on first occurrence only.
final class OnceFlag: Sendable {
    private let fired = Atomic<Bool>(false)

    init() {}

    /// True the first time it is called, false after.
    func fire() -> Bool {
        !fired.exchange(true, ordering: .relaxed)
    }
}
