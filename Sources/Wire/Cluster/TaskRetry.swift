/// Running a finished task again (`POST /tasks/{id}/retry`, `claude-cluster retry`):
/// what may be retried and the task that does it. Pure.
///
/// A retry is a new task with the old one's spec, so the old record stays as it ended,
/// as history. The new task's `metadata.retry_of` names the old one; its `parent` is the
/// old one's (a retried follow-up still continues the same branch); its idempotency key
/// is the caller's, so a resent retry does not run twice.
public enum TaskRetry {
    /// The metadata key that names the task a retry runs again.
    public static let retryOfKey = "retry_of"

    /// Why a task cannot be retried.
    public enum Refusal: Error, Sendable, Hashable, CustomStringConvertible {
        /// The task has not ended: it is still queued, running or waiting for its next
        /// attempt.
        case unfinished(taskID: String, state: TaskState)
        /// The task succeeded: its work is done; a follow-up changes it.
        case succeeded(taskID: String)

        public var description: String {
            switch self {
            case let .unfinished(id, state):
                "task \(id) is still \(state.rawValue): only a task that ended can be retried (cancel it first to run it afresh)"
            case .succeeded(let id):
                "task \(id) succeeded: there is nothing to retry; submit a follow-up with \"parent\": \"\(id)\" to change its work"
            }
        }
    }

    /// True for the states a retry runs again: failed, timed out, cancelled, dead-lettered.
    public static func canRetry(_ state: TaskState) -> Bool {
        state.isTerminal && state != .succeeded
    }

    /// The spec of the task that runs `record` again, submitted with `idempotencyKey`.
    public static func spec(retrying record: TaskRecord, idempotencyKey: String) throws(Refusal) -> TaskSpec {
        guard record.state.isTerminal else { throw .unfinished(taskID: record.id, state: record.state) }
        guard record.state != .succeeded else { throw .succeeded(taskID: record.id) }
        var spec = record.spec
        spec.idempotencyKey = idempotencyKey
        spec.metadata[retryOfKey] = record.id
        return spec
    }
}
