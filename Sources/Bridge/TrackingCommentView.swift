import Wire

/// What a tracking comment shows: the task as last seen and its latest steps.
struct TrackingCommentView: Sendable, Hashable {
    /// Where in its life the task is, as the comment tells it.
    enum Stage: Sendable, Hashable {
        case accepted, running, retrying, succeeded, failed

        var isFinal: Bool { self == .succeeded || self == .failed }
    }

    var record: TaskRecord
    /// A link to the task on the bridge, when `bridge.public_url` is set.
    var link: String?
    /// The phrase that retries a failed task (`@claude retry`).
    var retryPhrase: String
    /// The latest step lines, oldest first (at most `stepLimit`).
    private(set) var steps: [String] = []

    static let stepLimit = 5

    init(record: TaskRecord, link: String?, retryPhrase: String) {
        self.record = record
        self.link = link
        self.retryPhrase = retryPhrase
    }

    var stage: Stage {
        switch record.state {
        case .queued, .assigned: .accepted
        case .running: .running
        case .retrying: .retrying
        case .succeeded: .succeeded
        case .failed, .timedOut, .cancelled, .deadLettered: .failed
        }
    }

    /// Keeps a progress line worth showing (the agent's steps and tool calls); returns
    /// whether the view changed.
    mutating func note(_ update: ProgressUpdate) -> Bool {
        guard update.taskID == record.id, update.kind == .step || update.kind == .toolUse else { return false }
        let line = update.message.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        guard !line.isEmpty else { return false }
        steps.append(String(line.prefix(200)))
        if steps.count > Self.stepLimit { steps.removeFirst(steps.count - Self.stepLimit) }
        return true
    }
}
