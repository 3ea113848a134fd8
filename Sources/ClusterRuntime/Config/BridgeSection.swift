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

    public init(enabled: Bool = true, listen: String = "127.0.0.1:8888", token: String? = nil, allowInsecure: Bool = false, github: GitHubSection = .init(), tls: BridgeTLSSection? = nil) {
        self.enabled = enabled
        self.listen = listen
        self.token = token
        self.allowInsecure = allowInsecure
        self.github = github
        self.tls = tls
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case enabled, listen, token
        case allowInsecure = "allow_insecure"
        case github, tls
    }

    public init(from decoder: any Decoder) throws {
        let d = BridgeSection()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        enabled = try c.decodeIfPresent(Bool.self, forKey: .enabled) ?? d.enabled
        listen = try c.decodeIfPresent(String.self, forKey: .listen) ?? d.listen
        token = try c.decodeIfPresent(String.self, forKey: .token).flatMap { $0.isEmpty ? nil : $0 }
        allowInsecure = try c.decodeIfPresent(Bool.self, forKey: .allowInsecure) ?? d.allowInsecure
        github = try c.decodeIfPresent(GitHubSection.self, forKey: .github) ?? d.github
        tls = try c.decodeIfPresent(BridgeTLSSection.self, forKey: .tls)
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

/// `bridge.github:` — which webhook deliveries become work.
public struct GitHubSection: Codable, Sendable, Equatable {
    public var secret: String?
    public var triggerPhrase: String
    /// Logins trusted in addition to OWNER, MEMBER and COLLABORATOR.
    public var trustedLogins: [String]
    public var allowBots: [String]

    public init(secret: String? = nil, triggerPhrase: String = "@claude", trustedLogins: [String] = [], allowBots: [String] = []) {
        self.secret = secret
        self.triggerPhrase = triggerPhrase
        self.trustedLogins = trustedLogins
        self.allowBots = allowBots
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case secret
        case triggerPhrase = "trigger_phrase"
        case trustedLogins = "trusted_logins"
        case allowBots = "allow_bots"
    }

    public init(from decoder: any Decoder) throws {
        let d = GitHubSection()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        secret = try c.decodeIfPresent(String.self, forKey: .secret).flatMap { $0.isEmpty ? nil : $0 }
        triggerPhrase = try c.decodeIfPresent(String.self, forKey: .triggerPhrase) ?? d.triggerPhrase
        trustedLogins = try c.decodeIfPresent([String].self, forKey: .trustedLogins) ?? []
        allowBots = try c.decodeIfPresent([String].self, forKey: .allowBots) ?? []
    }
}
