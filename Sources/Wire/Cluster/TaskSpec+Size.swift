extension TaskSpec {
    /// The largest task description accepted, in UTF-8 bytes (512 KiB).
    ///
    /// The prompt reaches Claude Code on standard input, so size is no longer bounded by the
    /// argument limit; this bounds what the broker stores and sends to an agent per task.
    public static let maxDescriptionBytes = 512 * 1024

    /// Nil when the task is within the size limit; otherwise one sentence saying by how much.
    public var sizeProblem: String? {
        let bytes = description.utf8.count + requirements.reduce(0) { $0 + $1.utf8.count }
        guard bytes > Self.maxDescriptionBytes else { return nil }
        return "the task's description and requirements are \(bytes) bytes, over the limit of "
            + "\(Self.maxDescriptionBytes) bytes (512 KiB); put the bulk in a file in the repository and refer to it"
    }
}
