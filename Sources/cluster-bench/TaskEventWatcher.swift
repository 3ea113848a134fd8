import Wire

/// Follows the broker's PUB socket and notes when each task first reaches a terminal
/// state. It reads only the topic and scans the body for `"state":"…"` rather than
/// decoding JSON, so that watching thousands of tasks a second costs the benchmark little.
final class TaskEventWatcher: Sendable {
    /// When a task ended, and how.
    struct Ending: Sendable {
        var at: ContinuousClock.Instant
        var state: String
    }

    private let loop: SocketLoop<Never>
    private let record: TaskEventRecord

    /// Connects and subscribes; call `connected(timeout:)` before relying on it.
    init(publisherEndpoint: String) throws {
        let record = TaskEventRecord()
        self.record = record
        loop = try SocketLoop<Never>.start(name: "task-events", context: try ZMQContext()) { control in
            try TaskEventHandler(control: control, endpoint: publisherEndpoint, record: record)
        }
    }

    /// Waits for the broker's first heartbeat event: from then on nothing is missed.
    func connected(timeout: Duration) async throws {
        let deadline = ContinuousClock.now + timeout
        while !record.heardBroker.value {
            guard ContinuousClock.now < deadline else { throw BenchError.timedOut("no broker heartbeat on the PUB socket") }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Tasks that have ended so far.
    var endedCount: Int { record.endings.withLock { $0.count } }

    /// Every ending seen so far, by task id.
    var endings: [String: Ending] { record.endings.value }

    func stop() async {
        loop.stop()
        await loop.stopped()
    }
}

/// What the watcher's loop thread writes and the benchmark reads.
final class TaskEventRecord: Sendable {
    let endings = Locked<[String: TaskEventWatcher.Ending]>([:])
    let heardBroker = Locked(false)
}

/// The SUB socket's thread.
final class TaskEventHandler: SocketLoopHandler {
    typealias Command = Never

    private static let statePattern = Array(#""state":""#.utf8)
    private static let terminal: Set<String> = Set(TaskState.allCases.filter(\.isTerminal).map(\.rawValue))

    private let socket: ZMQSocket
    private let record: TaskEventRecord

    init(control: SocketLoopControl<Never>, endpoint: String, record: TaskEventRecord) throws {
        self.record = record
        socket = try control.context.makeSocket(.sub)
        try socket.setLinger(.zero)
        // Unlimited: a burst of events must queue here rather than be dropped.
        try socket.setReceiveHighWaterMark(0)
        try socket.subscribe(Topic.taskPrefix)
        try socket.subscribe(Topic.heartbeat)
        try socket.connect(endpoint)
    }

    var readableSockets: [ZMQSocket] { [socket] }

    func handle(_ command: Never) {}

    func socketReadable(at index: Int) {
        while let frames = try? socket.receive(dontWait: true) {
            guard frames.count == 2 else { continue }
            let now = ContinuousClock.now
            let topic = frames[0].bytes
            if topic.elementsEqual(Topic.heartbeat.utf8) {
                record.heardBroker.withLock { $0 = true }
                continue
            }
            guard let state = Self.state(in: frames[1].bytes), Self.terminal.contains(state) else { continue }
            let id = String(decoding: topic.dropFirst(Topic.taskPrefix.utf8.count), as: UTF8.self)
            record.endings.withLock { endings in
                if endings[id] == nil { endings[id] = TaskEventWatcher.Ending(at: now, state: state) }
            }
        }
    }

    /// The value after the first `"state":"` (the task's state in a `task.state` event;
    /// `"previous_state"` does not match because its quote comes before `previous`).
    static func state(in body: [UInt8]) -> String? {
        let pattern = statePattern
        guard body.count > pattern.count else { return nil }
        var index = 0
        let last = body.count - pattern.count
        while index <= last {
            if body[index] == pattern[0], body[index..<(index + pattern.count)].elementsEqual(pattern) {
                let start = index + pattern.count
                guard let end = body[start...].firstIndex(of: UInt8(ascii: "\"")) else { return nil }
                return String(decoding: body[start..<end], as: UTF8.self)
            }
            index += 1
        }
        return nil
    }
}
