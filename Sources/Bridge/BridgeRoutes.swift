import Foundation
import Hummingbird
import ClusterMCP
import Logging

/// The bridge's endpoints and what they share; each concern lives in a `BridgeRoutes+…` file.
struct BridgeRoutes: Sendable {
    let configuration: BridgeConfiguration
    let cluster: any ClusterAPI
    let metrics: BridgeMetrics
    let deliveries: DeliveryLog
    /// GitHub tracking comments, follow-ups, fixes and retries; nil when turned off.
    let roundTrip: GitHubRoundTrip?
    let logger: Logger
    /// The cluster's MCP tools at `/mcp`; nil serves no `/mcp`.
    let mcp: MCPHTTPSessions?
    /// The wall clock, injected so tests can fix broadcast times.
    let now: @Sendable () -> Date
    /// Set once the unsigned-delivery warning has been logged.
    let unsignedWarning = OnceFlag()

    /// Every endpoint: method, path pattern (as in the OpenAPI document), one-line summary.
    static let endpoints: [(method: String, path: String, summary: String)] = [
        ("GET", "/", "Service name, version, agents summary and this list"),
        ("GET", "/health", "200 when the broker answers within a second, 503 with the reason when not"),
        ("GET", "/agents/status", "Every agent: specialty, healthy/busy/offline, last heartbeat, running tasks, load"),
        ("GET", "/agents/{name}", "One agent: status, pause, running and recent tasks, cost, usage limit"),
        ("POST", "/agents/{name}/pause", "Take an agent out of rotation (body {\"drain\": true} to drain); it keeps its running tasks"),
        ("POST", "/agents/{name}/resume", "Put a paused or drained agent back into rotation"),
        ("POST", "/task", "Submit a task (the original's task JSON); honours Idempotency-Key"),
        ("POST", "/broadcast", "Send a message to all agents, a specialty, or named agents"),
        ("POST", "/accounts/{name}/resume", "Send work again to the agents of an account paused by a usage limit"),
        ("POST", "/webhook", "GitHub deliveries (signed) and the original's {type, source, data} messages"),
        ("GET", "/tasks", "List tasks: state, agent, source filters; limit and cursor"),
        ("GET", "/tasks/{id}", "One task and its recent progress"),
        ("DELETE", "/tasks/{id}", "Cancel a task"),
        ("GET", "/tasks/{id}/events", "Server-sent events: state, progress, result"),
        ("GET", "/tasks/{id}/log", "The transcript of the task's last attempt, or of ?attempt=N (text/plain)"),
        ("POST", "/tasks/{id}/retry", "Run a failed or cancelled task again, as a new task; honours Idempotency-Key"),
        ("GET", "/stats/history", "Tasks finished per minute over the last ?minutes=60, with median queue wait and run time"),
        ("GET", "/metrics", "Prometheus metrics of the broker and the bridge"),
        ("GET", "/openapi.yaml", "This API as an OpenAPI 3.1 document"),
        ("GET", "/ui", "A status page"),
        ("POST", "/mcp", "The cluster's tools over MCP Streamable HTTP (GET and DELETE too); see docs/MCP.md"),
    ]

    /// Adds middleware and every endpoint to `router`.
    func register(on router: Router<BasicRequestContext>) {
        router.add(middleware: RequestMetricsMiddleware(metrics: metrics))
        router.add(middleware: ProblemMiddleware())
        if let token = configuration.effectiveToken {
            router.add(middleware: BearerAuthMiddleware(token: BearerToken(token)))
        }
        router.add(middleware: MethodNotAllowedMiddleware(endpoints: Self.endpoints.map { ($0.method, $0.path) }))
        router.get("/") { _, _ in try await self.index() }
        router.get("/health") { _, _ in try await self.health() }
        router.get("/agents/status") { _, _ in try await self.agentsStatus() }
        router.get("/agents/{name}") { _, context in try await self.agentDetail(context.parameters.require("name")) }
        router.post("/agents/{name}/pause") { request, context in
            try await self.pauseAgent(context.parameters.require("name"), request)
        }
        router.post("/agents/{name}/resume") { _, context in try await self.resumeAgent(context.parameters.require("name")) }
        router.post("/task") { request, _ in try await self.submitTask(request) }
        router.post("/broadcast") { request, _ in try await self.broadcast(request) }
        router.post("/accounts/{name}/resume") { _, context in try await self.resumeAccount(context.parameters.require("name")) }
        router.post("/webhook") { request, _ in try await self.webhook(request) }
        router.get("/tasks") { request, _ in try await self.listTasks(request) }
        router.get("/tasks/{id}") { _, context in try await self.task(id: context.parameters.require("id")) }
        router.delete("/tasks/{id}") { _, context in try await self.cancel(id: context.parameters.require("id")) }
        router.get("/tasks/{id}/events") { _, context in try await self.events(id: context.parameters.require("id")) }
        router.get("/tasks/{id}/log") { request, context in
            try await self.log(id: context.parameters.require("id"), request)
        }
        router.post("/tasks/{id}/retry") { request, context in
            try await self.retry(id: context.parameters.require("id"), request)
        }
        router.get("/stats/history") { request, _ in try await self.history(request) }
        router.get("/metrics") { _, _ in await self.prometheus() }
        router.get("/openapi.yaml") { _, _ in self.openAPI() }
        router.get("/ui") { _, _ in self.statusPage() }
        if let mcp { registerMCP(on: router, sessions: mcp) }
    }

    /// Asks the broker with the bridge's deadline, so a stuck bus becomes a prompt 503.
    func ask<Value: Sendable>(
        within limit: Duration? = nil, _ call: @escaping @Sendable (any ClusterAPI) async throws -> Value
    ) async throws -> Value {
        let cluster = self.cluster
        return try await Deadline.run(limit: limit ?? configuration.brokerTimeout) { try await call(cluster) }
    }
}
