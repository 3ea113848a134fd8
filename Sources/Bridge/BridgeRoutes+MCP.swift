import ClusterMCP
import Foundation
import Hummingbird
import MCP

extension BridgeRoutes {
    /// The most a `/mcp` POST may carry: one JSON-RPC message (a tool call's arguments).
    static let mcpBodyLimit = 1 << 20

    /// `POST`, `GET` and `DELETE /mcp`: the cluster's tools over MCP's Streamable HTTP
    /// transport, behind the bearer token like every other data route.
    func registerMCP(on router: Router<BasicRequestContext>, sessions: MCPHTTPSessions) {
        router.post("/mcp") { request, _ in try await self.mcp(request, sessions: sessions) }
        router.get("/mcp") { request, _ in try await self.mcp(request, sessions: sessions) }
        router.delete("/mcp") { request, _ in try await self.mcp(request, sessions: sessions) }
    }

    private func mcp(_ request: Request, sessions: MCPHTTPSessions) async throws -> Response {
        var headers: [String: String] = [:]
        for field in request.headers {
            // The token has been checked; the SDK's transport has no use for it.
            if field.name == .authorization { continue }
            headers[field.name.canonicalName] = headers[field.name.canonicalName].map { "\($0), \(field.value)" } ?? field.value
        }
        var body: Data?
        if request.method == .post {
            body = Data(try await RequestBodyReader.read(request, limit: Self.mcpBodyLimit))
        }
        let answer = await sessions.handle(
            MCP.HTTPRequest(method: request.method.rawValue, headers: headers, body: body, path: request.uri.path))
        var fields = HTTPFields()
        for (name, value) in answer.headers {
            if let field = HTTPFields.Element.Name(name) { fields[field] = value }
        }
        let status = HTTPResponse.Status(code: answer.statusCode)
        switch answer {
        case .stream(let events, _):
            fields[.cacheControl] = fields[.cacheControl] ?? "no-cache"
            fields[HTTPFields.Element.Name("X-Accel-Buffering")!] = "no"
            return Response(status: status, headers: fields, body: ResponseBody(asyncSequence: events.map { ByteBuffer(bytes: $0) }))
        default:
            let data = answer.bodyData ?? Data()
            return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
        }
    }
}
