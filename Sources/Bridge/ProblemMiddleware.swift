import Hummingbird
import Logging

/// Turns every error thrown below it into an RFC 9457 `application/problem+json` response.
struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let problem = Problem.from(error)
            if problem.status.code >= 500 {
                context.logger.warning(
                    "request failed", metadata: ["path": "\(request.uri.path)", "status": "\(problem.status.code)", "detail": "\(problem.detail)"])
            }
            return problem.render(instance: request.uri.path)
        }
    }
}
