/// `broker.usage_limits:` — how an account that hit a usage limit is paused and resumed.
public struct UsageLimitsSection: Codable, Sendable, Equatable {
    /// Resume by itself at the limit's reset plus the margin; false waits for
    /// `claude-cluster resume-account`.
    public var autoResume: Bool = true
    /// The pause when the runner did not say when the limit resets.
    public var defaultPauseSeconds: Double = 3600
    /// Extra wait after the reset before work is sent again.
    public var resumeMarginSeconds: Double = 30

    /// Every field at its default.
    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable {
        case autoResume = "auto_resume"
        case defaultPauseSeconds = "default_pause_s"
        case resumeMarginSeconds = "resume_margin_s"
    }
}
