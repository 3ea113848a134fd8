import Hummingbird

/// Requires `Authorization: Bearer <token>` on every path but the public ones.
///
/// `/health` stays open for probes, `/ui` is a static page with no data (its script sends
/// the token), and `/webhook` authenticates itself: GitHub signs instead of sending tokens.
struct BearerAuthMiddleware<Context: RequestContext>: RouterMiddleware {
    let token: BearerToken
    /// Paths served without the token.
    static var publicPaths: Set<String> { ["/health", "/ui", "/webhook"] }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var path = request.uri.path
        while path.count > 1, path.hasSuffix("/") { path.removeLast() }
        if Self.publicPaths.contains(path) { return try await next(request, context) }
        let authorization = request.headers[.authorization]
        guard token.accepts(authorization: authorization) else {
            throw Self.unauthorized(presented: authorization != nil)
        }
        return try await next(request, context)
    }

    /// The 401 for a missing or wrong token.
    static func unauthorized(presented: Bool) -> Problem {
        let challenge = presented
            ? "Bearer realm=\"claude-code-cluster\", error=\"invalid_token\""
            : "Bearer realm=\"claude-code-cluster\""
        let detail = presented
            ? "the bearer token is not valid for this bridge"
            : "this bridge requires Authorization: Bearer <token> (the bridge token from its configuration)"
        return Problem(.unauthorized, detail, headers: [.wwwAuthenticate: challenge])
    }
}
