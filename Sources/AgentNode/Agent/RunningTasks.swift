import Synchronization

/// The tasks an agent is running, by task id; shared by the request loop, the load
/// reporter and shutdown.
final class RunningTasks: Sendable {
    struct Entry: Sendable {
        var attempt: Int
        var task: Task<Void, Never>
    }

    private let entries = Mutex<[String: Entry]>([:])
    /// Set at shutdown: results of tasks stopped then are not reported (the broker
    /// requeues them when the agent disconnects).
    private let suppressed = Mutex(false)

    var count: Int { entries.withLock { $0.count } }
    var ids: [String] { entries.withLock { $0.keys.sorted() } }

    /// Starts `body` as the task `id` unless it is already running; the entry is in
    /// place before `body` runs, so its removal at the end can never come first.
    @discardableResult
    func start(_ id: String, attempt: Int, body: @escaping @Sendable () async -> Void) -> Bool {
        entries.withLock { entries in
            guard entries[id] == nil else { return false }
            entries[id] = Entry(attempt: attempt, task: Task { await body() })
            return true
        }
    }

    func contains(_ id: String) -> Bool { entries.withLock { $0[id] != nil } }

    func remove(_ id: String) { entries.withLock { $0[id] = nil } }

    /// Cancels one task (attempt nil: any attempt); true when it was running.
    @discardableResult
    func cancel(_ id: String, attempt: Int? = nil) -> Bool {
        entries.withLock { entries in
            guard let entry = entries[id], attempt == nil || attempt == entry.attempt else { return false }
            entry.task.cancel()
            return true
        }
    }

    func cancelAll() {
        suppressed.withLock { $0 = true }
        entries.withLock { $0.values.forEach { $0.task.cancel() } }
    }

    var resultsSuppressed: Bool { suppressed.withLock { $0 } }

    /// Waits for every task to end.
    func waitForAll() async {
        let tasks = entries.withLock { $0.values.map(\.task) }
        for task in tasks { await task.value }
    }
}
