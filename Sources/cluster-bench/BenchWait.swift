/// Polling a condition on a real system with a deadline (never a fixed sleep).
enum BenchWait {
    /// Polls `condition` every `interval` until it holds; throws `timedOut(what)` after `timeout`.
    /// A condition that throws counts as not holding yet (a broker may be restarting).
    static func until(
        _ what: String, timeout: Duration, every interval: Duration = .milliseconds(50),
        _ condition: () async throws -> Bool
    ) async throws {
        let deadline = ContinuousClock.now + timeout
        while true {
            if (try? await condition()) == true { return }
            guard ContinuousClock.now < deadline else { throw BenchError.timedOut(what) }
            try await Task.sleep(for: interval)
        }
    }
}
