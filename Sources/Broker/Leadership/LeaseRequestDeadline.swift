import Synchronization

/// Runs one lease request (or a broker's stop) with a time limit. A PostgreSQL server
/// behind a broken link never answers, and postgres-nio has no per-query timeout: the
/// request is left to finish (or fail) on its own, and its caller hears "no answer" when
/// the limit passes.
enum LeaseRequestDeadline {
    static func run<Value: Sendable>(
        within limit: Duration, _ body: @escaping @Sendable () async throws -> Value
    ) async -> Result<Value, any Error> {
        let answered = AnswerOnce()
        return await withCheckedContinuation { continuation in
            let work = Task {
                let result: Result<Value, any Error>
                do {
                    result = .success(try await body())
                } catch {
                    result = .failure(error)
                }
                if answered.claim() { continuation.resume(returning: result) }
            }
            Task {
                try? await Task.sleep(for: limit)
                guard answered.claim() else { return }
                work.cancel()
                continuation.resume(returning: .failure(LeaseRequestTimedOut(limit: limit)))
            }
        }
    }
}

/// A lease request that got no answer in time.
struct LeaseRequestTimedOut: Error, CustomStringConvertible {
    var limit: Duration
    var description: String { "PostgreSQL did not answer within \(limit)" }
}

/// Lets exactly one of two racing tasks resume a continuation.
private final class AnswerOnce: Sendable {
    private let done = Mutex(false)

    func claim() -> Bool {
        done.withLock { done in
            if done { return false }
            done = true
            return true
        }
    }
}
