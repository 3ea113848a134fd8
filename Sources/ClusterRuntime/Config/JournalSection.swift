/// `broker.journal:` — how long the task journal keeps finished tasks and how much of
/// each it keeps.
public struct JournalSection: Codable, Sendable, Equatable {
    /// Finished tasks (with their progress, transcripts, results, attempts) last changed
    /// longer ago than this are pruned; nil (the default) keeps everything.
    public var retainDays: Double?
    /// How often retention looks for tasks to prune.
    public var pruneIntervalSeconds: Double = 600
    /// Tasks deleted per pruning transaction.
    public var pruneBatch: Int = 500
    /// Transcript kept per task attempt, in KiB (the newest text; older text is dropped
    /// and the drop noted).
    public var transcriptMaxKB: Int = 4096
    /// Progress lines kept per task (the newest).
    public var progressMaxLines: Int = 200

    /// Every field at its default.
    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable {
        case retainDays = "retain_days"
        case pruneIntervalSeconds = "prune_interval_s"
        case pruneBatch = "prune_batch"
        case transcriptMaxKB = "transcript_max_kb"
        case progressMaxLines = "progress_max_lines"
    }
}
