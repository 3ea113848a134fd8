import Hummingbird

/// Answers 405 with `Allow` when the path is served but not with the request's method.
///
/// Paths nothing serves fall through to the router's 404.
struct MethodNotAllowedMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Every endpoint's method and path pattern.
    let endpoints: [(method: String, path: String)]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let allowed = AllowedMethods.methods(forPath: request.uri.path, endpoints: endpoints)
        guard allowed.isEmpty || allowed.contains(request.method.rawValue) else {
            throw Problem(
                .methodNotAllowed,
                "\(request.uri.path) does not take \(request.method.rawValue): use \(allowed.joined(separator: " or "))",
                headers: [.allow: AllowedMethods.headerValue(allowed)])
        }
        return try await next(request, context)
    }
}
