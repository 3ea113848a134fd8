/// `bridge:` — the HTTP face.
public struct BridgeSection: Codable, Sendable, Equatable {
    public var enabled: Bool
    /// `host:port`.
    public var listen: String
    /// Bearer token; empty means none (only allowed on loopback).
    public var token: String?
    public var allowInsecure: Bool
    public var github: GitHubSection
    /// HTTPS instead of HTTP; nil serves plain HTTP.
    public var tls: BridgeTLSSection?
    /// The address people reach the bridge at (`https://cluster.example.com`); tracking comments link to tasks there.
    public var publicURL: String?

    public init(enabled: Bool = true, listen: String = "127.0.0.1:8888", token: String? = nil, allowInsecure: Bool = false, github: GitHubSection = .init(), tls: BridgeTLSSection? = nil, publicURL: String? = nil) {
        self.enabled = enabled
        self.listen = listen
        self.token = token
        self.allowInsecure = allowInsecure
        self.github = github
        self.tls = tls
        self.publicURL = publicURL
    }

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
    public var triggerPhrase: String
    /// Logins trusted in addition to OWNER, MEMBER and COLLABORATOR.
    public var trustedLogins: [String]
    public var allowBots: [String]
    /// Token for GitHub's REST API (tracking comments, reactions, check logs); none posts nothing.
    public var token: String?
    /// `https://api.github.com`, or GitHub Enterprise's `https://HOST/api/v3`.
    public var apiURL: String
    public var trackingComments: Bool
    public var reactions: Bool
    public var followUps: Bool
    public var fixFailedChecks: Bool
    public var maxFixRounds: Int
    public var retryCommand: Bool
    /// Shortest time between two progress edits of a tracking comment.
    public var editIntervalSeconds: Double
    /// How often a tracking comment's task is re-read.
    public var pollIntervalSeconds: Double
    public var logTailLines: Int

    public init(
        secret: String? = nil, triggerPhrase: String = "@claude", trustedLogins: [String] = [], allowBots: [String] = [],
        token: String? = nil, apiURL: String = "https://api.github.com", trackingComments: Bool = true, reactions: Bool = true,
        followUps: Bool = true, fixFailedChecks: Bool = true, maxFixRounds: Int = 2, retryCommand: Bool = true,
        editIntervalSeconds: Double = 10, pollIntervalSeconds: Double = 5, logTailLines: Int = 80
    ) {
        self.secret = secret
        self.triggerPhrase = triggerPhrase
        self.trustedLogins = trustedLogins
        self.allowBots = allowBots
        self.token = token
        self.apiURL = apiURL
        self.trackingComments = trackingComments
        self.reactions = reactions
        self.followUps = followUps
        self.fixFailedChecks = fixFailedChecks
        self.maxFixRounds = maxFixRounds
        self.retryCommand = retryCommand
        self.editIntervalSeconds = editIntervalSeconds
        self.pollIntervalSeconds = pollIntervalSeconds
        self.logTailLines = logTailLines
    }

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
