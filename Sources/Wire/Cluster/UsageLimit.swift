import Foundation

/// An account-wide usage limit the runner ran into: which one and when it lifts.
public struct UsageLimit: Codable, Sendable, Hashable {
    /// The limit's kind as the runner names it (`five_hour`, `seven_day`, ...).
    public var kind: String
    /// When the limit lifts; nil when the runner did not say.
    public var resetsAt: Date?
    /// The runner's own words ("You've hit your 5-hour limit · resets 9:18am").
    public var message: String?

    /// Creates a usage limit.
    public init(kind: String, resetsAt: Date? = nil, message: String? = nil) {
        self.kind = kind
        self.resetsAt = resetsAt
        self.message = message
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case kind
        case resetsAt = "resets_at"
        case message
    }
}
