import Foundation
import Wire

/// Decides what a task's event stream sends, one input at a time. Pure: no clock, no I/O.
///
/// It opens with the task's current `state`; then each live `state` change and `progress`
/// line; a terminal state is followed by one `result` event, after which it is finished
/// and ignores everything.
struct TaskEventSequencer: Sendable {
    let taskID: String
    private(set) var isFinished = false
    private var nextID = 1
    private var lastRecord: TaskRecord?
    private var lastProgress: (attempt: Int, sequence: Int)?

    init(taskID: String) {
        self.taskID = taskID
    }

    /// The opening events for the task as it is now.
    mutating func start(with detail: TaskDetail) -> [ServerSentEvent] {
        // A client that connects late (or after the end) still sees what happened: the
        // progress the broker kept, then the current state.
        let replay = detail.progress.map { make("progress", $0) }
        if let last = detail.progress.last { lastProgress = (last.attempt, last.sequence) }
        return replay + state(detail.task)
    }

    /// The events for one live event from the broker (none for other tasks or kinds).
    mutating func receive(_ event: ClusterEvent) -> [ServerSentEvent] {
        guard !isFinished else { return [] }
        switch event.payload {
        case .taskState(let record, _) where record.id == taskID:
            return state(record)
        case .taskProgress(let update) where update.taskID == taskID:
            // Progress already in the opening detail, or replayed, is not sent twice.
            if let last = lastProgress, (update.attempt, update.sequence) <= (last.attempt, last.sequence) { return [] }
            lastProgress = (update.attempt, update.sequence)
            return [make("progress", update)]
        default:
            return []
        }
    }

    private mutating func state(_ record: TaskRecord) -> [ServerSentEvent] {
        // A buffered event older than what was already sent would move the state backwards.
        if let last = lastRecord, record == last || record.updatedAt < last.updatedAt { return [] }
        lastRecord = record
        var events = [make("state", record)]
        if record.state.isTerminal {
            events.append(make("result", TaskOutcome(record)))
            isFinished = true
        }
        return events
    }

    private mutating func make<Body: Encodable>(_ name: String, _ body: Body) -> ServerSentEvent {
        defer { nextID += 1 }
        return ServerSentEvent(event: name, id: String(nextID), data: String(decoding: JSONWire.encodeBytes(body), as: UTF8.self))
    }
}

/// The data of a `result` event: how the task ended.
struct TaskOutcome: Codable, Sendable, Hashable {
    var taskID: String
    var state: TaskState
    var agent: String?
    var attempts: Int
    var result: TaskResult?
    var error: String?
    var finishedAt: Date?

    init(_ record: TaskRecord) {
        self.taskID = record.id
        self.state = record.state
        self.agent = record.agent
        self.attempts = record.attempts
        self.result = record.result
        self.error = record.error
        self.finishedAt = record.finishedAt
    }

    enum CodingKeys: String, CodingKey {
        case taskID = "task_id"
        case state, agent, attempts, result, error
        case finishedAt = "finished_at"
    }
}
