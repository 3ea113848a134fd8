import Foundation

/// An account paused by a usage limit: its agents are sent no work until it is lifted.
struct AccountLimit: Sendable, Hashable {
    /// The account as its agents name it (the registry matches it lowercased).
    let account: String
    /// The limit's kind (`five_hour`, ...).
    let kind: String
    /// When the limit lifts, by the runner's report (or the default pause).
    let until: Date
    /// The runner's own words, if it gave any.
    let message: String?
    /// The monotonic instant the pause lifts by itself: `until` plus the resume margin.
    let resumeAt: Duration
}
