/// `broker.journal:` — where the task journal is (the SQLite file in the data directory,
/// or a PostgreSQL database), how long it keeps finished tasks and how much of each.
///
/// The short form `journal: postgres://user@host:port/db` names the database alone; the
/// mapping form adds `password_env` or `password_file` and the retention keys.
public struct JournalSection: Codable, Sendable, Equatable {
    /// `postgres://USER@HOST:PORT/DATABASE[?sslmode=...]`; nil keeps the SQLite journal.
    /// Never holds the password.
    public var url: String?
    /// The environment variable that holds the database password.
    public var passwordEnv: String?
    /// The file that holds the database password (its first line), readable by its owner only.
    public var passwordFile: String?
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
        case url
        case passwordEnv = "password_env"
        case passwordFile = "password_file"
        case retainDays = "retain_days"
        case pruneIntervalSeconds = "prune_interval_s"
        case pruneBatch = "prune_batch"
        case transcriptMaxKB = "transcript_max_kb"
        case progressMaxLines = "progress_max_lines"
    }
}
