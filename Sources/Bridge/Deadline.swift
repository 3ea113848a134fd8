import Synchronization

/// Runs an operation with a time limit that holds even if the operation ignores cancellation.
///
/// A task group would wait for a stuck child; here the first of the operation and the
/// timer resumes the caller, and the loser is cancelled and left to finish on its own.
enum Deadline {
    /// Thrown when the limit passes first.
    struct Exceeded: Error, Sendable, CustomStringConvertible {
        var limit: Duration
        var description: String { "no answer within \(limit)" }
    }

    /// The operation's result, or `Exceeded` after `limit`.
    static func run<Value: Sendable>(
        limit: Duration,
        _ operation: @escaping @Sendable () async throws -> Value
    ) async throws -> Value {
        let race = Race<Value>()
        return try await withCheckedThrowingContinuation { continuation in
            race.start(continuation)
            race.add(
                Task {
                    do { race.finish(.success(try await operation())) } catch { race.finish(.failure(error)) }
                })
            race.add(
                Task {
                    guard (try? await Task.sleep(for: limit)) != nil else { return }
                    race.finish(.failure(Exceeded(limit: limit)))
                })
        }
    }

    /// The shared state of one race: who resumes the caller, and what to cancel after.
    private final class Race<Value: Sendable>: Sendable {
        private struct State {
            var continuation: CheckedContinuation<Value, any Error>?
            var tasks: [Task<Void, Never>] = []
            var done = false
        }

        private let state = Mutex(State())

        func start(_ continuation: CheckedContinuation<Value, any Error>) {
            state.withLock { $0.continuation = continuation }
        }

        func add(_ task: Task<Void, Never>) {
            let cancelNow = state.withLock { state in
                state.tasks.append(task)
                return state.done
            }
            if cancelNow { task.cancel() }
        }

        func finish(_ result: Result<Value, any Error>) {
            let (continuation, tasks) = state.withLock { state -> (CheckedContinuation<Value, any Error>?, [Task<Void, Never>]) in
                guard !state.done else { return (nil, []) }
                state.done = true
                defer { state.continuation = nil }
                return (state.continuation, state.tasks)
            }
            continuation?.resume(with: result)
            for task in tasks { task.cancel() }
        }
    }
}
