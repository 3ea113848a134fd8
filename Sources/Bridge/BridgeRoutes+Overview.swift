import Hummingbird
import Wire

extension BridgeRoutes {
    /// `GET /`: what this service is, how the cluster looks, where to go next.
    func index() async throws -> Response {
        var body = ServiceIndex(version: configuration.version)
        do {
            let agents = try await ask(within: configuration.healthTimeout) { try await $0.agents() }
            body.agents = AgentCounts(agents)
            body.broker = .init(reachable: true, error: nil)
        } catch {
            // The index must work with the broker down: it is where a person starts looking.
            body.broker = .init(reachable: false, error: Problem.from(error).detail)
        }
        return JSONWireHTTP.response(body)
    }

    /// `GET /health`: 200 when the broker answers within `healthTimeout`, else 503 with why.
    func health() async throws -> Response {
        let info: RouterInfo
        do {
            info = try await ask(within: configuration.healthTimeout) { try await $0.info() }
        } catch {
            let reason = Problem.from(error).detail
            throw Problem.unavailable("unhealthy: \(reason)")
        }
        return JSONWireHTTP.response(HealthReport(status: "ok", bridge: .init(version: configuration.version), broker: info))
    }

    /// `GET /agents/status`: every agent the broker knows.
    func agentsStatus() async throws -> Response {
        let agents = try await ask { try await $0.agents() }
        return JSONWireHTTP.response(AgentsReport(agents: agents, counts: AgentCounts(agents)))
    }
}

/// The body of `GET /`.
struct ServiceIndex: Encodable, Sendable {
    var service = "claude-code-cluster"
    var version: String
    var broker: BrokerReachability?
    var agents: AgentCounts?
    /// `"GET /tasks/{id}"` -> what it does.
    var endpoints: [String: String] = Dictionary(
        uniqueKeysWithValues: BridgeRoutes.endpoints.map { ("\($0.method) \($0.path)", $0.summary) })

    init(version: String) { self.version = version }

    struct BrokerReachability: Encodable, Sendable {
        var reachable: Bool
        var error: String?
    }
}

/// How many agents are in each state.
struct AgentCounts: Codable, Sendable, Hashable {
    var total: Int
    var healthy: Int
    var busy: Int
    var offline: Int

    init(_ agents: [AgentStatus]) {
        total = agents.count
        healthy = agents.count { $0.state == .healthy }
        busy = agents.count { $0.state == .busy }
        offline = agents.count { $0.state == .offline }
    }
}

/// The body of `GET /health`.
struct HealthReport: Encodable, Sendable {
    var status: String
    var bridge: Bridge
    var broker: RouterInfo

    struct Bridge: Encodable, Sendable {
        var version: String
    }
}

/// The body of `GET /agents/status`.
struct AgentsReport: Encodable, Sendable {
    var agents: [AgentStatus]
    var counts: AgentCounts
}
