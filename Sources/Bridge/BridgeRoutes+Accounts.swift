import Hummingbird
import Wire

extension BridgeRoutes {
    /// `POST /accounts/{name}/resume`: lifts an account's usage-limit pause now, so its
    /// agents get work again (what `claude-cluster resume-account` does).
    func resumeAccount(_ name: String) async throws -> Response {
        guard let pause = try await ask({ try await $0.resumeAccount(name) }) else {
            throw Problem.notFound("account \(name) is not paused by a usage limit")
        }
        logger.info("account resumed", metadata: ["account": "\(pause.account)", "kind": "\(pause.kind)"])
        return JSONWireHTTP.response(pause, status: .ok)
    }
}
