import Wire

/// Every unfinished task the broker holds, by id and by idempotency key, and the queues
/// of those waiting for an agent, by queue key.
struct TaskTable: Sendable {
    private(set) var tasks: [String: TrackedTask] = [:]
    private var idsByIdempotencyKey: [String: String] = [:]
    private var queues: [String: TaskQueue] = [:]
    private var nextTicket = 1

    subscript(id: String) -> TrackedTask? { tasks[id] }

    var count: Int { tasks.count }

    /// The unfinished task submitted with this idempotency key, if the broker holds one.
    func task(idempotencyKey key: String) -> TrackedTask? {
        idsByIdempotencyKey[key].flatMap { tasks[$0] }
    }

    mutating func insert(_ task: TrackedTask) {
        tasks[task.record.id] = task
        if let key = task.record.spec.idempotencyKey { idsByIdempotencyKey[key] = task.record.id }
    }

    /// Forgets a task (it ended); its queue entry and timers go stale.
    @discardableResult
    mutating func remove(_ id: String) -> TrackedTask? {
        guard let task = tasks.removeValue(forKey: id) else { return nil }
        if let key = task.record.spec.idempotencyKey, idsByIdempotencyKey[key] == id {
            idsByIdempotencyKey[key] = nil
        }
        return task
    }

    /// Runs `body` on the task in place; nil when there is no such task.
    @discardableResult
    mutating func modify<Result>(_ id: String, _ body: (inout TrackedTask) -> Result) -> Result? {
        guard let index = tasks.index(forKey: id) else { return nil }
        return body(&tasks.values[index])
    }

    /// Puts the task in its route's queue: at the back, or at the front of its priority.
    mutating func enqueue(_ id: String, atFront: Bool) {
        guard let index = tasks.index(forKey: id) else { return }
        let ticket = nextTicket
        nextTicket += 1
        tasks.values[index].placement = .queued(ticket: ticket)
        let task = tasks.values[index]
        let entry = TaskQueue.Entry(
            taskID: id, ticket: ticket, priority: task.record.spec.priority, createdAt: task.record.createdAt)
        queues[task.route.key, default: TaskQueue()].push(entry, atFront: atFront)
    }

    /// The first live entry of a queue.
    mutating func head(of key: String) -> TaskQueue.Entry? {
        // A local reference to the tasks, so the queue is changed in place (no copy).
        let tasks = self.tasks
        let head = queues[key]?.head { entry in
            if case .queued(let ticket) = tasks[entry.taskID]?.placement { return ticket == entry.ticket }
            return false
        }
        if queues[key]?.isEmpty == true { queues[key] = nil }
        return head
    }

    /// Removes a queue's head entry returned by ``head(of:)``.
    mutating func removeHead(_ entry: TaskQueue.Entry, of key: String) {
        queues[key]?.removeHead(entry)
        if queues[key]?.isEmpty == true { queues[key] = nil }
    }

    /// Unfinished tasks by state raw value (a scan: for status replies, not per message).
    var countsByState: [String: Int] {
        var counts: [String: Int] = [:]
        for task in tasks.values { counts[task.record.state.rawValue, default: 0] += 1 }
        return counts
    }

    /// Tasks waiting in a queue (a scan: for status replies, not per message).
    var queuedCount: Int {
        tasks.values.reduce(0) { count, task in
            if case .queued = task.placement { return count + 1 }
            return count
        }
    }
}
