import Foundation

/// Names an account, as agents name it in `AgentInfo.account` (or an agent's own name for
/// an agent without one): the payload of `mmi.account.resume`.
public struct AccountReference: Codable, Sendable, Hashable {
    /// The account; matched without regard to case.
    public var account: String

    /// Creates a reference.
    public init(account: String) {
        self.account = account
    }
}

/// An account's usage-limit pause: the reply of `mmi.account.resume` (the pause it lifted).
public struct AccountPause: Codable, Sendable, Hashable {
    /// The account as its agents name it.
    public var account: String
    /// The limit's kind (`five_hour`, ...).
    public var kind: String
    /// When the limit was due to lift.
    public var limitedUntil: Date
    /// The connected agents of the account.
    public var agents: [String]

    /// Creates a pause description.
    public init(account: String, kind: String, limitedUntil: Date, agents: [String]) {
        self.account = account
        self.kind = kind
        self.limitedUntil = limitedUntil
        self.agents = agents
    }

    enum CodingKeys: String, CodingKey {
        case account, kind
        case limitedUntil = "limited_until"
        case agents
    }
}
