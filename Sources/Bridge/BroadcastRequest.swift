import Foundation
import Wire

/// Reads a `POST /broadcast` body: `{"message": "...", "to": "all" | "<specialty>" |
/// "<agent>" | ["CC01", "CC02"], "from": "..."}`.
///
/// The original accepted any JSON and forwarded it whole; such a body (no `message`)
/// is broadcast as its compact JSON text, so old scripts keep working.
enum BroadcastRequest {
    /// The broadcast a body asks for, or a problem saying what is wrong with it.
    static func broadcast(from body: JSONValue, rules: WebhookRules, now: Date) throws(Problem) -> Broadcast {
        guard case .object(let members) = body else {
            throw .unprocessable("a broadcast is a JSON object such as {\"message\": \"...\", \"to\": \"all\"}")
        }
        let text = members["message"]?.string ?? members["text"]?.string ?? body.compactText
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw .unprocessable("the broadcast message is empty")
        }
        let from = members["from"]?.string ?? members["source"]?.string ?? "api"
        let target = BroadcastTargetText.target(members["to"] ?? members["target"], rules: rules)
        return Broadcast(message: text, from: from, target: target, sentAt: now)
    }
}
