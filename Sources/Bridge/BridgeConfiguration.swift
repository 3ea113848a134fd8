/// Everything the HTTP bridge needs to know before it starts listening.
///
/// The defaults are safe for one machine: loopback only, no token, no webhook secret.
/// Binding beyond loopback requires `token` (or `allowInsecureNonLoopback`), and GitHub
/// deliveries beyond loopback require `githubSecret`; `validate()` says so up front.
public struct BridgeConfiguration: Sendable, Hashable {
    /// The address to listen on; `127.0.0.1` keeps the bridge on this machine.
    var host: String
    /// The TCP port; 0 lets the system choose (tests).
    var port: Int
    /// The bearer token every request but `/health`, `/ui` and signed webhooks must carry.
    var token: String?
    /// The GitHub webhook secret that signs deliveries (`X-Hub-Signature-256`).
    var githubSecret: String?
    /// How GitHub events and the original's messages become tasks.
    var webhookRules: WebhookRules
    /// Largest request bodies accepted, per kind of endpoint.
    var bodyLimits: BodyLimits
    /// Serve without a token on a non-loopback address (a warning is logged).
    var allowInsecureNonLoopback: Bool
    /// How long `/health` waits for the broker before answering 503.
    var healthTimeout: Duration
    /// How long any other request waits for the broker before answering 503; short, so
    /// GitHub (which gives up after 10 s) always gets an answer.
    var brokerTimeout: Duration
    /// How often an idle event stream sends a keep-alive comment.
    var keepAliveInterval: Duration
    /// The version reported by `GET /` and `/health`.
    var version: String
    /// How HTTP is carried on the socket.
    public var transport: BridgeTransport
    /// What the bridge posts back on GitHub and which GitHub events continue work.
    var github: GitHubRoundTripSettings

    /// Creates a configuration; every argument has a safe default.
    public init(
        host: String = "127.0.0.1",
        port: Int = 8888,
        token: String? = nil,
        githubSecret: String? = nil,
        webhookRules: WebhookRules = WebhookRules(),
        bodyLimits: BodyLimits = BodyLimits(),
        allowInsecureNonLoopback: Bool = false,
        healthTimeout: Duration = .seconds(1),
        brokerTimeout: Duration = .seconds(3),
        keepAliveInterval: Duration = .seconds(15),
        version: String = BridgeConfiguration.defaultVersion,
        transport: BridgeTransport = .plainHTTP1,
        github: GitHubRoundTripSettings = GitHubRoundTripSettings()
    ) {
        self.host = host
        self.port = port
        self.token = token
        self.githubSecret = githubSecret
        self.webhookRules = webhookRules
        self.bodyLimits = bodyLimits
        self.allowInsecureNonLoopback = allowInsecureNonLoopback
        self.healthTimeout = healthTimeout
        self.brokerTimeout = brokerTimeout
        self.keepAliveInterval = keepAliveInterval
        self.version = version
        self.transport = transport
        self.github = github
    }

    /// The version string when none is configured.
    public static let defaultVersion = "0.1.0"

    /// True when `host` only accepts connections from this machine.
    var isLoopback: Bool { LoopbackAddress.contains(host) }

    /// The token with empty strings treated as absent (an empty env var is "not set").
    var effectiveToken: String? { token.flatMap { $0.isEmpty ? nil : $0 } }

    /// The webhook secret with empty strings treated as absent.
    var effectiveGitHubSecret: String? { githubSecret.flatMap { $0.isEmpty ? nil : $0 } }

    /// Checks the configuration can be served; returns warnings a person should read.
    func validate() throws(BridgeConfigurationError) -> [String] {
        guard (0...65_535).contains(port) else { throw .invalidPort(port) }
        guard !host.isEmpty else { throw .emptyHost }
        guard bodyLimits.webhook > 0, bodyLimits.standard > 0 else { throw .invalidBodyLimit }
        try webhookRules.validate()
        var warnings: [String] = []
        if !isLoopback {
            if effectiveToken == nil {
                guard allowInsecureNonLoopback else { throw .tokenRequired(host: host) }
                warnings.append(
                    "the bridge listens on \(host) without a token: anyone who can reach it can submit tasks "
                        + "that agents run with permissions skipped")
            }
            if effectiveGitHubSecret == nil {
                warnings.append(
                    "no GitHub webhook secret is set: GitHub deliveries to \(host) will be refused with 401 "
                        + "until one is configured")
            }
        } else if effectiveGitHubSecret == nil {
            warnings.append("no GitHub webhook secret is set: unsigned deliveries are accepted on loopback only")
        }
        return warnings
    }
}

/// Largest request bodies the bridge reads, in bytes.
public struct BodyLimits: Sendable, Hashable {
    /// `POST /webhook` (GitHub allows payloads up to 25 MB).
    var webhook: Int
    /// Every other endpoint.
    var standard: Int

    /// Creates limits; the defaults are 25 MB for webhooks and 1 MB elsewhere.
    public init(webhook: Int = 25 * 1024 * 1024, standard: Int = 1024 * 1024) {
        self.webhook = webhook
        self.standard = standard
    }
}

/// How the bridge carries HTTP on its socket.
public enum BridgeTransport: Sendable, Hashable {
    /// HTTP/1.1 without TLS.
    case plainHTTP1
    /// HTTP/1.1 over TLS (HummingbirdTLS), with the certificate and key in `BridgeTLS`.
    case tls(BridgeTLS)
}
