import Wire

/// The one result the journal recorded for a task, and the attempt that produced it.
public struct RecordedResult: Sendable, Hashable {
    /// The attempt whose result was recorded first.
    var attempt: Int
    /// The result itself.
    public var result: TaskResult

    /// A recorded result.
    init(attempt: Int, result: TaskResult) {
        self.attempt = attempt
        self.result = result
    }
}
