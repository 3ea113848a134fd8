import Hummingbird
import Wire

extension BridgeRoutes {
    /// `GET /agents/{name}`: one agent in depth.
    func agentDetail(_ name: String) async throws -> Response {
        guard let detail = try await ask({ try await $0.agent(named: name) }) else { throw Self.unknownAgent(name) }
        return JSONWireHTTP.response(detail)
    }

    /// `POST /agents/{name}/pause`: the agent gets no new work until resumed; with
    /// `{"drain": true}` it reports `draining` until its running tasks have ended. An empty
    /// body is a plain pause.
    func pauseAgent(_ name: String, _ request: Request) async throws -> Response {
        try RequestBodyReader.requireJSON(request)
        let bytes = try await RequestBodyReader.read(request, limit: configuration.bodyLimits.standard)
        let drain = try AgentPauseBody.drain(from: bytes)
        guard let detail = try await ask({ try await $0.pauseAgent(name, drain: drain) }) else { throw Self.unknownAgent(name) }
        logger.info("agent paused", metadata: ["agent": "\(detail.name)", "pause": "\(detail.status.pause.rawValue)"])
        return JSONWireHTTP.response(detail)
    }

    /// `POST /agents/{name}/resume`: the agent gets work again.
    func resumeAgent(_ name: String) async throws -> Response {
        guard let detail = try await ask({ try await $0.resumeAgent(name) }) else { throw Self.unknownAgent(name) }
        logger.info("agent resumed", metadata: ["agent": "\(detail.name)"])
        return JSONWireHTTP.response(detail)
    }

    private static func unknownAgent(_ name: String) -> Problem {
        .notFound("no agent \(name): GET /agents/status lists the agents the broker knows")
    }
}

/// Reads the optional body of `POST /agents/{name}/pause`: nothing, or `{"drain": bool}`.
enum AgentPauseBody {
    /// Whether the body asks for a drain; 400 for a body that is not JSON, 422 for one
    /// that is not an object or whose `drain` is not a boolean.
    static func drain(from bytes: [UInt8]) throws(Problem) -> Bool {
        // JSON's own white space: space, tab, line feed, carriage return.
        guard bytes.contains(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) else { return false }
        guard let json = JSONValue.parse(bytes) else { throw .badRequest("the body is not JSON") }
        guard case .object(let members) = json else {
            throw .unprocessable("the body is a JSON object such as {\"drain\": true}, or empty")
        }
        switch members["drain"] {
        case nil, .null?: return false
        case .bool(let drain)?: return drain
        default: throw .unprocessable("drain must be true or false")
        }
    }
}
