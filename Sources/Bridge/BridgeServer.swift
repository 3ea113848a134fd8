import Foundation
import Hummingbird
import ClusterMCP
import Logging
import ServiceLifecycle

/// The HTTP bridge: builds the Hummingbird application and runs it as a `Service`.
///
/// ```swift
/// let bridge = BridgeServer(configuration: config, cluster: busClient, logger: logger)
/// let group = ServiceGroup(services: [broker, bridge], gracefulShutdownSignals: [.sigterm], logger: logger)
/// try await group.run()
/// ```
///
/// `BridgeConfiguration.transport` chooses plain HTTP or TLS (`BridgeTLS`); the routes
/// are the same either way.
public struct BridgeServer: Service {
    /// What to listen on and how to treat requests.
    let configuration: BridgeConfiguration
    /// The cluster, reached over the bus.
    let cluster: any ClusterAPI
    /// Where the bridge logs.
    let logger: Logger
    /// The bridge's own counters (shared so a process can also read them).
    let metrics: BridgeMetrics
    /// The cluster's MCP tools at `/mcp`; nil serves no `/mcp`.
    let mcp: MCPHTTPSessions?
    private let now: @Sendable () -> Date
    private let onListening: @Sendable (_ host: String, _ port: Int) async -> Void

    /// Creates a bridge; `onListening` learns the bound port (useful with port 0).
    public init(
        configuration: BridgeConfiguration,
        cluster: any ClusterAPI,
        logger: Logger = Logger(label: "claude-cluster.bridge"),
        metrics: BridgeMetrics = BridgeMetrics(),
        mcp: MCPHTTPSessions? = nil,
        now: @escaping @Sendable () -> Date = { Date() },
        onListening: @escaping @Sendable (_ host: String, _ port: Int) async -> Void = { _, _ in }
    ) {
        self.configuration = configuration
        self.cluster = cluster
        self.logger = logger
        self.metrics = metrics
        self.mcp = mcp
        self.now = now
        self.onListening = onListening
    }

    /// The router with every endpoint and middleware (tests can inspect `routes`).
    func buildRouter() -> Router<BasicRequestContext> {
        buildRouter(roundTrip: makeRoundTrip())
    }

    func buildRouter(roundTrip: GitHubRoundTrip?) -> Router<BasicRequestContext> {
        let router = Router()
        BridgeRoutes(
            configuration: configuration, cluster: cluster, metrics: metrics,
            deliveries: DeliveryLog(), roundTrip: roundTrip, logger: logger, mcp: mcp, now: now
        ).register(on: router)
        return router
    }

    /// The GitHub round trip, with a REST client when a token is configured.
    func makeRoundTrip() -> GitHubRoundTrip? {
        let settings = configuration.github
        guard settings.followUps || settings.fixFailedChecks || settings.retryCommand || settings.posts else { return nil }
        let github = settings.effectiveToken.map {
            GitHubRESTClient(baseURL: settings.apiURL, token: $0, timeout: settings.requestTimeout) as any GitHubAPI
        }
        return GitHubRoundTrip(
            settings: settings, rules: configuration.webhookRules, cluster: cluster, github: github,
            metrics: metrics, logger: logger, now: now)
    }

    /// The application, after checking the configuration may be served.
    ///
    /// Throws when bound beyond loopback without a token (unless
    /// `allowInsecureNonLoopback`); logs the configuration's warnings.
    func buildApplication() throws(BridgeConfigurationError) -> some ApplicationProtocol {
        try buildApplication(roundTrip: makeRoundTrip())
    }

    private func buildApplication(roundTrip: GitHubRoundTrip?) throws(BridgeConfigurationError) -> some ApplicationProtocol {
        for warning in try configuration.validate() {
            logger.warning("\(warning)")
        }
        let host = configuration.host
        let onListening = self.onListening
        let logger = self.logger
        return Application(
            router: buildRouter(roundTrip: roundTrip),
            server: configuration.transport.serverBuilder,
            configuration: ApplicationConfiguration(
                address: .hostname(host, port: configuration.port), serverName: "claude-code-cluster"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                logger.info("bridge listening", metadata: ["host": "\(host)", "port": "\(port)"])
                await onListening(host, port)
            },
            logger: logger)
    }

    /// Serves until cancelled or gracefully shut down by the enclosing `ServiceGroup`.
    public func run() async throws {
        let roundTrip = makeRoundTrip()
        defer { roundTrip?.stopAll() }
        let resume = Task { await roundTrip?.resumeTracking() }
        defer { resume.cancel() }
        try await buildApplication(roundTrip: roundTrip).run()
    }
}
