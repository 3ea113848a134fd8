/// `bridge:` — the HTTP face.
public struct BridgeSection: Codable, Sendable, Equatable {
    public var enabled: Bool = true
    /// `host:port`.
    public var listen: String = "127.0.0.1:8888"
    /// Bearer token; empty means none (only allowed on loopback).
    public var token: String?
    public var allowInsecure: Bool = false
    public var github: GitHubSection = .init()
    /// HTTPS instead of HTTP; nil serves plain HTTP.
    public var tls: BridgeTLSSection?
    /// The address people reach the bridge at (`https://cluster.example.com`); tracking comments link to tasks there.
    public var publicURL: String?

    /// Every field at its default.
    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable {
        case enabled, listen, token
        case allowInsecure = "allow_insecure"
        case github, tls
        case publicURL = "public_url"
    }
}

/// `bridge.tls:` — the certificate (chain) and private key, PEM files.
public struct BridgeTLSSection: Codable, Sendable, Equatable {
    public var certificate: String
    public var key: String

    public init(certificate: String, key: String) {
        self.certificate = certificate
        self.key = key
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case certificate, key
    }
}

/// `bridge.github:` — which webhook deliveries become work, and what is posted back.
public struct GitHubSection: Codable, Sendable, Equatable {
    public var secret: String?
    public var triggerPhrase: String = "@claude"
    /// Logins trusted in addition to OWNER, MEMBER and COLLABORATOR.
    public var trustedLogins: [String] = []
    public var allowBots: [String] = []
    /// Token for GitHub's REST API (tracking comments, reactions, check logs); none posts nothing.
    public var token: String?
    /// `https://api.github.com`, or GitHub Enterprise's `https://HOST/api/v3`.
    public var apiURL: String = "https://api.github.com"
    public var trackingComments: Bool = true
    public var reactions: Bool = true
    public var followUps: Bool = true
    public var fixFailedChecks: Bool = true
    public var maxFixRounds: Int = 2
    public var retryCommand: Bool = true
    /// Shortest time between two progress edits of a tracking comment.
    public var editIntervalSeconds: Double = 10
    /// How often a tracking comment's task is re-read.
    public var pollIntervalSeconds: Double = 5
    public var logTailLines: Int = 80

    /// Every field at its default.
    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable {
        case secret
        case triggerPhrase = "trigger_phrase"
        case trustedLogins = "trusted_logins"
        case allowBots = "allow_bots"
        case token
        case apiURL = "api_url"
        case trackingComments = "tracking_comments"
        case reactions
        case followUps = "follow_ups"
        case fixFailedChecks = "fix_failed_checks"
        case maxFixRounds = "max_fix_rounds"
        case retryCommand = "retry_command"
        case editIntervalSeconds = "edit_interval_seconds"
        case pollIntervalSeconds = "poll_interval_seconds"
        case logTailLines = "log_tail_lines"
    }
}
