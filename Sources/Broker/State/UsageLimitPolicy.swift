/// How the broker pauses and resumes an account whose runner hit a usage limit.
public struct UsageLimitPolicy: Sendable, Hashable {
    /// Whether the pause lifts by itself at the limit's reset time plus `resumeMargin`
    /// (default true). When false, an operator lifts it with `mmi.account.resume`.
    var autoResume: Bool
    /// How long the pause lasts when the runner did not say when the limit resets
    /// (default 1 hour).
    var defaultPause: Duration
    /// Extra time after the reset before work is sent again, so the first attempt does not
    /// race the provider's own clock (default 30 s).
    var resumeMargin: Duration

    /// A policy; negative durations count as zero, and a zero default pause as one second.
    public init(autoResume: Bool = true, defaultPause: Duration = .seconds(3600), resumeMargin: Duration = .seconds(30)) {
        self.autoResume = autoResume
        self.defaultPause = max(defaultPause, .seconds(1))
        self.resumeMargin = max(resumeMargin, .zero)
    }
}
