import Foundation
import Synchronization

/// Runs async work from a thread that is not Swift concurrency's (the broker's socket
/// thread) and blocks that thread until the work ends or a deadline passes.
///
/// The broker thread decides synchronously and must not return to its poll loop before a
/// commit has answered; postgres-nio is async and runs on its own event loop. The work runs
/// as a `Task` on ``JournalExecutor``'s thread, never on Swift concurrency's shared pool:
/// a caller that blocks a pool thread (a test, the migration command) then cannot starve
/// the work it waits for, whatever else blocks the pool.
enum BlockingWait {
    /// The work did not end within its deadline; it was cancelled.
    struct TimedOut: Error, CustomStringConvertible {
        var timeout: Duration
        var description: String { "no answer within \(timeout)" }
    }

    static func run<T: Sendable>(timeout: Duration, _ work: @escaping @Sendable () async throws -> T) throws -> T {
        let outcome = Mutex<Result<T, any Error>?>(nil)
        let done = DispatchSemaphore(value: 0)
        let task = Task(executorPreference: JournalExecutor.shared) {
            let result: Result<T, any Error>
            do { result = .success(try await work()) } catch { result = .failure(error) }
            outcome.withLock { $0 = result }
            done.signal()
        }
        let nanoseconds = timeout.components.seconds * 1_000_000_000 + timeout.components.attoseconds / 1_000_000_000
        if done.wait(timeout: .now() + .nanoseconds(Int(clamping: nanoseconds))) == .timedOut {
            task.cancel()
            throw TimedOut(timeout: timeout)
        }
        return try outcome.withLock { $0! }.get()
    }
}

/// One thread that runs the journal's async work (``BlockingWait``): a task executor of
/// its own, so that work never waits for a thread of the shared pool. Its jobs only await
/// the database; none of them blocks, so one thread serves every journal of the process.
final class JournalExecutor: TaskExecutor, @unchecked Sendable {
    static let shared = JournalExecutor()

    private let condition = NSCondition()
    // Guarded by `condition`.
    private var jobs: [UnownedJob] = []

    private init() {
        let thread = Thread { [self] in run() }
        thread.name = "journal-executor"
        thread.start()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    private func run() {
        while true {
            condition.lock()
            while jobs.isEmpty { condition.wait() }
            let ready = jobs
            jobs.removeAll(keepingCapacity: true)
            condition.unlock()
            for job in ready { job.runSynchronously(on: asUnownedTaskExecutor()) }
        }
    }
}
