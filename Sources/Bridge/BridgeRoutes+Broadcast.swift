import Hummingbird
import Wire

extension BridgeRoutes {
    /// `POST /broadcast`: a message to all agents, a specialty, or named agents.
    func broadcast(_ request: Request) async throws -> Response {
        try RequestBodyReader.requireJSON(request)
        let bytes = try await RequestBodyReader.read(request, limit: configuration.bodyLimits.standard)
        guard let json = JSONValue.parse(bytes) else { throw Problem.badRequest("the body is not JSON") }
        let message = try BroadcastRequest.broadcast(from: json, rules: configuration.webhookRules, now: now())
        let recipients = try await ask { try await $0.broadcast(message) }
        logger.info("broadcast sent", metadata: ["from": "\(message.from)", "recipients": "\(recipients)"])
        return JSONWireHTTP.response(BroadcastSent(recipients: recipients, target: message.target), status: .accepted)
    }
}

/// The body of `POST /broadcast`'s answer.
struct BroadcastSent: Encodable, Sendable {
    var status = "sent"
    /// Connected agents the target matched.
    var recipients: Int
    var target: BroadcastTarget
}
