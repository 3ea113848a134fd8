/// `broker.alerts:` — where the broker's alerts are delivered besides the bus, how often,
/// and when the data directory's disk counts as nearly full.
public struct AlertsSection: Codable, Sendable, Equatable {
    /// An HTTP(S) URL that gets each alert as a JSON POST with a Slack-compatible `text`
    /// (a Slack or Mattermost incoming webhook works as is); nil for none.
    public var webhookURL: String?
    /// Extra headers for the webhook request (`Authorization: Bearer …`).
    public var webhookHeaders: [String: String]?
    /// An executable run for each alert where the broker runs (the seed's
    /// `~/.claude/hooks/on-alert.sh`); nil for none.
    public var hook: String?
    public var hookTimeoutSeconds: Double = 10
    /// `info`, `warning` or `critical`: alerts below it are only published on the bus.
    public var minSeverity: String = "info"
    /// Tries per alert and target, the first included.
    public var maxAttempts: Int = 5
    public var retryBaseMs: Int = 2000
    public var retryCapMs: Int = 60_000
    /// Alerts of one kind delivered per window at most; the rest are counted in the next.
    public var perKindLimit: Int = 5
    public var windowSeconds: Double = 600
    /// Free megabytes on the data directory's disk below which `low_disk_space` is raised;
    /// 0 turns the check off.
    public var lowDiskMB: Int = 1024

    /// Every field at its default.
    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable {
        case webhookURL = "webhook_url"
        case webhookHeaders = "webhook_headers"
        case hook
        case hookTimeoutSeconds = "hook_timeout_s"
        case minSeverity = "min_severity"
        case maxAttempts = "max_attempts"
        case retryBaseMs = "retry_base_ms"
        case retryCapMs = "retry_cap_ms"
        case perKindLimit = "per_kind_limit"
        case windowSeconds = "window_s"
        case lowDiskMB = "low_disk_mb"
    }
}
