import Wire

/// The one-frame envelope of a task REQUEST: `@task:<task-id>:<attempt>`.
///
/// Agents echo it in their PARTIAL and FINAL, so the broker recognises a task's answer
/// by its envelope alone, whichever worker sends it (after a broker restart the worker
/// that delivers a result is not one the broker gave the task to).
struct TaskEnvelope: Sendable, Hashable {
    static let prefix = "@task:"

    var taskID: String
    var attempt: Int

    /// The envelope frames to send.
    var frames: [Frame] { [Frame(Self.prefix + taskID + ":" + String(attempt))] }

    /// Reads an envelope; nil unless it is exactly one well-formed `@task:` frame.
    init?(frames: [Frame]) {
        guard frames.count == 1, frames[0].bytes.starts(with: Self.prefixBytes),
              let text = frames[0].string,
              let colon = text.lastIndex(of: ":")
        else { return nil }
        let id = text[text.index(text.startIndex, offsetBy: Self.prefix.count)..<colon]
        guard !id.isEmpty, let attempt = Int(text[text.index(after: colon)...]), attempt >= 1 else { return nil }
        self.init(taskID: String(id), attempt: attempt)
    }

    init(taskID: String, attempt: Int) {
        self.taskID = taskID
        self.attempt = attempt
    }

    private static let prefixBytes = Array(prefix.utf8)
}
