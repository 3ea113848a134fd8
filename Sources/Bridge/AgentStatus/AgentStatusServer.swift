import Hummingbird
import Logging
import ServiceLifecycle

/// One agent's own small HTTP port (the seed's `curl localhost:8881/health`):
/// `GET /health` and `GET /status`, as a `Service`.
///
/// The agent's data comes from `status`, so this type knows nothing of the agent:
///
/// ```swift
/// let server = AgentStatusServer(
///     agent: "CC01", host: "127.0.0.1", port: 8881, token: nil,
///     status: { agent.status() }, stateOf: { $0.state.rawValue })
/// ```
///
/// Loopback needs no token. Beyond loopback a token is required (``validate()`` throws
/// otherwise) and checked as the bridge checks its own: `Authorization: Bearer <token>`
/// on everything but `/health`.
public struct AgentStatusServer<Status: Encodable & Sendable>: Service {
    /// The agent's name, for logs and `/health`.
    let agent: String
    /// The address to listen on.
    let host: String
    /// The port to listen on; 0 lets the kernel pick one.
    let port: Int
    private let token: String?
    private let status: @Sendable () async -> Status
    private let stateOf: @Sendable (Status) -> String
    private let logger: Logger
    private let onListening: @Sendable (_ port: Int) async -> Void

    /// A server for `agent` on `host:port` (port 0 picks a free one, told to `onListening`).
    public init(
        agent: String, host: String, port: Int, token: String?,
        logger: Logger = Logger(label: "claude-cluster.agent-status"),
        status: @escaping @Sendable () async -> Status,
        stateOf: @escaping @Sendable (Status) -> String,
        onListening: @escaping @Sendable (_ port: Int) async -> Void = { _ in }
    ) {
        self.agent = agent
        self.host = host
        self.port = port
        self.token = token.flatMap { $0.isEmpty ? nil : $0 }
        self.logger = logger
        self.status = status
        self.stateOf = stateOf
        self.onListening = onListening
    }

    /// Throws when the port is out of range, or the host is beyond loopback without a token.
    public func validate() throws(AgentStatusServerError) {
        guard (0...65_535).contains(port) else { throw .invalidPort(agent: agent, port: port) }
        if token == nil, !LoopbackAddress.contains(host) { throw .tokenRequired(agent: agent, host: host) }
    }

    /// The two routes, behind the bridge's problem and token middleware.
    func buildRouter() -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: ProblemMiddleware())
        if let token { router.add(middleware: BearerAuthMiddleware(token: BearerToken(token))) }
        let agent = agent
        let status = status
        let stateOf = stateOf
        router.get("/health") { _, _ -> Response in
            JSONWireHTTP.response(AgentHealth(agent: agent, state: stateOf(await status())))
        }
        router.get("/status") { _, _ -> Response in
            JSONWireHTTP.response(await status())
        }
        return router
    }

    /// The application, after ``validate()``.
    func buildApplication() throws(AgentStatusServerError) -> some ApplicationProtocol {
        try validate()
        let host = host
        let agent = agent
        let logger = logger
        let onListening = onListening
        return Application(
            router: buildRouter(),
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "claude-code-cluster-agent"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                logger.notice("agent \(agent) status on http://\(host):\(port) (/health, /status)")
                await onListening(port)
            },
            logger: logger)
    }

    /// Serves until cancelled or gracefully shut down by the enclosing `ServiceGroup`.
    public func run() async throws {
        try await buildApplication().run()
    }
}

/// The body of an agent's `GET /health`: 200 whenever the agent process answers; `state`
/// says whether it can take work (`healthy`, `busy`, `limited`, `unavailable`, `offline`).
struct AgentHealth: Encodable, Sendable {
    var status = "ok"
    var agent: String
    var state: String
}
