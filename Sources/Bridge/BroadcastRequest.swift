import Foundation
import Wire

/// Reads a `POST /broadcast` body: `{"message": "...", "to": "all" | "<specialty>" |
/// "<agent>" | ["CC01", "CC02"], "from": "..."}`.
///
/// The original accepted any JSON and forwarded it whole; such a body (no `message`)
/// is broadcast as its compact JSON text, so old scripts keep working. The documented
/// members are held to the OpenAPI schema: a `message` or `from` that is not a string, or
/// a `to` that is not a string, a list of strings or null, is refused rather than guessed at.
enum BroadcastRequest {
    /// The broadcast a body asks for, or a problem saying what is wrong with it.
    static func broadcast(from body: JSONValue, rules: WebhookRules, now: Date) throws(Problem) -> Broadcast {
        guard case .object(let members) = body else {
            throw .unprocessable("a broadcast is a JSON object such as {\"message\": \"...\", \"to\": \"all\"}")
        }
        let message = try string(members["message"], named: "message")
        let text = message ?? members["text"]?.string ?? body.compactText
        guard !WhiteSpace.isBlank(text) else {
            throw .unprocessable("the broadcast message is blank: write what the agents should read")
        }
        let from = try string(members["from"], named: "from") ?? members["source"]?.string ?? "api"
        let to = members["to"] ?? members["target"]
        if let value = members["to"] { try checkTarget(value) }
        let target = BroadcastTargetText.target(to, rules: rules)
        return Broadcast(message: text, from: from, target: target, sentAt: now)
    }

    /// The string `value` holds; nil when absent; 422 when it is present but not a string.
    private static func string(_ value: JSONValue?, named name: String) throws(Problem) -> String? {
        guard let value else { return nil }
        guard let text = value.string else { throw .unprocessable("the broadcast's \(name) must be a string") }
        return text
    }

    /// Accepts a string, a list of strings, or null (everyone).
    private static func checkTarget(_ value: JSONValue) throws(Problem) {
        switch value {
        case .null, .string: return
        case .array(let items) where items.allSatisfy({ $0.string != nil }): return
        default: throw .unprocessable("the broadcast's to must be \"all\", an agent, a specialty, or a list of agent names")
        }
    }
}
