import Foundation
import Logging
import MCP

/// The cluster's tools over MCP's Streamable HTTP transport: one SDK server and
/// `StatefulHTTPServerTransport` per session, found by the `Mcp-Session-Id` header.
///
/// The bridge hands every `/mcp` request (already past its bearer token check) to
/// `handle(_:)` and writes back the response; the SDK's transport does the protocol
/// (JSON-RPC, SSE streams, session ids, DELETE).
public actor MCPHTTPSessions {
    private struct Session {
        let server: Server
        let transport: StatefulHTTPServerTransport
        var lastUsed: ContinuousClock.Instant
    }

    private let toolbox: ClusterToolbox
    private let validation: any HTTPRequestValidationPipeline
    private let maxSessions: Int
    private let logger: Logger
    private var sessions: [String: Session] = [:]

    /// Sessions calling the cluster through `toolbox`.
    ///
    /// `checkOrigin` keeps the SDK's DNS-rebinding guard (Host and Origin must be
    /// loopback): on for a bridge without a token; a bridge with a bearer token turns it
    /// off, since a browser page cannot add the token. Past `maxSessions` the session used
    /// longest ago is closed.
    public init(toolbox: ClusterToolbox, checkOrigin: Bool, maxSessions: Int = 64, logger: Logger) {
        self.toolbox = toolbox
        var validators: [any HTTPRequestValidator] = checkOrigin ? [OriginValidator.localhost()] : []
        validators += [AcceptHeaderValidator(mode: .sseRequired), ContentTypeValidator(), ProtocolVersionValidator(), SessionValidator()]
        self.validation = StandardValidationPipeline(validators: validators)
        self.maxSessions = max(1, maxSessions)
        self.logger = logger
    }

    /// How many sessions are open.
    public var count: Int { sessions.count }

    /// Answers one HTTP request to `/mcp`.
    public func handle(_ request: HTTPRequest) async -> HTTPResponse {
        if let id = request.header(HTTPHeaderName.sessionID), var session = sessions[id] {
            session.lastUsed = .now
            sessions[id] = session
            let response = await session.transport.handleRequest(request)
            if request.method.uppercased() == "DELETE", response.statusCode == 200 {
                await close(id)
            }
            return response
        }
        if request.method.uppercased() == "POST", let body = request.body, Self.isInitialize(body) {
            return await open(request)
        }
        if request.header(HTTPHeaderName.sessionID) != nil {
            return .error(statusCode: 404, .invalidRequest("Not Found: no such session (it expired or was closed); initialize again"))
        }
        return .error(statusCode: 400, .invalidRequest("Bad Request: send initialize first, then the \(HTTPHeaderName.sessionID) header it returns"))
    }

    /// Closes every session.
    public func closeAll() async {
        for id in Array(sessions.keys) { await close(id) }
    }

    private func open(_ request: HTTPRequest) async -> HTTPResponse {
        let id = UUID().uuidString.lowercased()
        let transport = StatefulHTTPServerTransport(
            sessionIDGenerator: FixedSessionID(id: id), validationPipeline: validation, logger: logger)
        let server = await ClusterMCPServer.make(toolbox: toolbox)
        do {
            try await server.start(transport: transport)
        } catch {
            await transport.disconnect()
            return .error(statusCode: 500, .internalError("the MCP session could not start: \(error)"))
        }
        if sessions.count >= maxSessions, let oldest = sessions.min(by: { $0.value.lastUsed < $1.value.lastUsed })?.key {
            logger.info("closing MCP session \(oldest): \(maxSessions) sessions are open")
            await close(oldest)
        }
        sessions[id] = Session(server: server, transport: transport, lastUsed: .now)
        let response = await transport.handleRequest(request)
        if case .error = response { await close(id) }
        return response
    }

    /// Whether a POST body is an `initialize` request, the one message that opens a session.
    /// Only the method name is read; the SDK's transport reads the rest.
    static func isInitialize(_ body: Data) -> Bool {
        struct MethodName: Decodable { var method: String? }
        return (try? JSONDecoder().decode(MethodName.self, from: body))?.method == Initialize.name
    }

    private func close(_ id: String) async {
        guard let session = sessions.removeValue(forKey: id) else { return }
        await session.server.stop()
    }
}

/// Gives a transport the session id its router chose before the session began.
private struct FixedSessionID: SessionIDGenerator {
    let id: String
    func generateSessionID() -> String { id }
}
