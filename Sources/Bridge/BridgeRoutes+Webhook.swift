import Crypto
import Foundation
import Hummingbird
import Wire

extension BridgeRoutes {
    /// `POST /webhook`: GitHub deliveries and the original's `{type, source, data}` messages.
    ///
    /// Answers as soon as the broker has the task (or the broadcast): never waits for work.
    func webhook(_ request: Request) async throws -> Response {
        let event = request.headers.value(named: "x-github-event")
        // Until the sender is authenticated its event name is not trusted as a metric label:
        // arbitrary names would grow one series each.
        var label = "unverified"
        do {
            let mediaType = RequestBodyReader.mediaType(request) ?? "application/json"
            guard RequestBodyReader.isJSON(mediaType) || mediaType == WebhookBody.formType else {
                throw Problem.unsupportedMediaType(mediaType, expected: "application/json or \(WebhookBody.formType)")
            }
            let raw = try await RequestBodyReader.read(request, limit: configuration.bodyLimits.webhook)
            try authenticateWebhook(request, body: raw, isGitHub: event != nil)
            label = Self.metricLabel(event: event)
            let json = try WebhookBody.json(raw, mediaType: mediaType)
            let (answer, outcome) = try await handle(event: event, request: request, raw: raw, json: json)
            metrics.recordDelivery(event: label, outcome: outcome)
            return JSONWireHTTP.response(answer, status: .init(code: answer.status))
        } catch {
            metrics.recordDelivery(event: label, outcome: Self.outcome(of: Problem.from(error)))
            throw error
        }
    }

    private func handle(event: String?, request: Request, raw: [UInt8], json: [UInt8]) async throws -> (WebhookAnswer, WebhookOutcome) {
        guard let event else {
            guard let body = JSONValue.parse(json) else { throw Problem.badRequest("the webhook body is not JSON") }
            var decision = try LegacyMessage.decide(body, rules: configuration.webhookRules, now: now())
            if case .submit(var spec) = decision, let key = request.headers.value(named: "idempotency-key"), !key.isEmpty {
                spec.idempotencyKey = key
                decision = .submit(spec)
            }
            return try await carryOut(decision, event: "message", delivery: nil)
        }
        // GitHub always sends a delivery id; without one, the body's digest stands in so
        // an identical resend is still recognised.
        let delivery = request.headers.value(named: "x-github-delivery").flatMap { $0.isEmpty ? nil : $0 }
            ?? "sha256:" + Hex.encode(Array(SHA256.hash(data: raw)))
        if var previous = deliveries.answer(for: delivery) {
            previous.duplicate = true
            logger.info("webhook delivery repeated", metadata: ["delivery": "\(delivery)", "event": "\(event)"])
            return (previous, .duplicate)
        }
        let payload: GitHubPayload
        do {
            payload = try JSONDecoder().decode(GitHubPayload.self, from: Data(json))
        } catch {
            throw Problem.badRequest("the \(event) payload is not the JSON GitHub sends: \(error)")
        }
        var decision = configuration.webhookRules.decide(event: event, delivery: delivery, payload: payload, now: now())
        var thread: GitHubThread?
        if let roundTrip {
            let decided = decision
            let plan = try await ask(within: roundTripTimeout) {
                _ in try await roundTrip.prepare(event: event, delivery: delivery, payload: payload, decision: decided)
            }
            decision = plan.decision
            thread = plan.thread
        }
        let result = try await carryOut(decision, event: event, delivery: delivery, thread: thread)
        deliveries.remember(result.0, for: delivery)
        return result
    }

    /// Submits, broadcasts or ignores, and says what happened.
    private func carryOut(
        _ decision: WebhookDecision, event: String, delivery: String?, thread: GitHubThread? = nil
    ) async throws -> (WebhookAnswer, WebhookOutcome) {
        switch decision {
        case .pong(let zen):
            return (.pong(zen: zen, delivery: delivery), .pong)
        case .submit(let spec):
            let record = try await submitOnce(spec)
            logger.info(
                "webhook started a task",
                metadata: ["task": "\(record.id)", "event": "\(event)", "delivery": "\(delivery ?? "-")", "target": "\(spec.target ?? "-")"])
            if let thread { roundTrip?.track(record, thread: thread) }
            return (.task(record, delivery: delivery), .task)
        case .broadcast(let message):
            let recipients = try await ask { try await $0.broadcast(message) }
            return (.broadcast(recipients: recipients, delivery: delivery), .broadcast)
        case .ignore(let reason):
            logger.notice("webhook delivery ignored", metadata: ["event": "\(event)", "delivery": "\(delivery ?? "-")", "reason": "\(reason)"])
            return (.ignored(reason, delivery: delivery), .ignored)
        }
    }

    /// GitHub deliveries prove themselves with the signature; the original's messages with
    /// the signature or the bridge token, like every other endpoint.
    private func authenticateWebhook(_ request: Request, body: [UInt8], isGitHub: Bool) throws(Problem) {
        let signature = request.headers.value(named: "x-hub-signature-256")
        if let secret = configuration.effectiveGitHubSecret, WebhookSignature(secret: secret).isValid(header: signature, body: body) {
            return
        }
        if isGitHub {
            if configuration.effectiveGitHubSecret != nil {
                throw Problem(
                    .unauthorized,
                    signature == nil
                        ? "the delivery has no X-Hub-Signature-256 header: set the webhook's secret in GitHub to the bridge's github secret"
                        : "X-Hub-Signature-256 does not match the body: the webhook's secret in GitHub differs from the bridge's")
            }
            guard configuration.isLoopback else {
                throw Problem(
                    .unauthorized,
                    "this bridge listens on \(configuration.host) and has no GitHub webhook secret: deliveries are refused "
                        + "until one is configured (bridge.github.secret, GITHUB_WEBHOOK_SECRET with the shipped configs) and set in the webhook's settings")
            }
            if unsignedWarning.fire() {
                logger.warning("accepting unsigned GitHub deliveries because the bridge is on loopback and no webhook secret is set")
            }
            return
        }
        if let token = configuration.effectiveToken {
            let authorization = request.headers[.authorization]
            guard BearerToken(token).accepts(authorization: authorization) else {
                throw BearerAuthMiddleware<BasicRequestContext>.unauthorized(presented: authorization != nil)
            }
        }
    }

    /// How long looking up the task a pull request continues and fetching a failed check's
    /// log may take: GitHub gives up on a delivery after 10 s.
    private var roundTripTimeout: Duration { .seconds(8) }

    /// `message` for the original's messages; GitHub's event name when it looks like one.
    private static func metricLabel(event: String?) -> String {
        guard let event else { return "message" }
        let plausible = event.count <= 64 && event.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7a) || $0 == 0x5f }
        return plausible ? event : "other"
    }

    /// The metrics outcome of a failed delivery.
    private static func outcome(of problem: Problem) -> WebhookOutcome {
        switch problem.status.code {
        case 401: .unauthorized
        case 500...: .failed
        default: .invalid
        }
    }
}
