import Foundation
import Wire

/// The original cluster's webhook message: `{"type": ..., "source": ..., "data": {...},
/// "target": "CC01" | [...]}`, sent by scripts and hooks without GitHub headers.
///
/// Message-like types (`broadcast`, `agent_message`, `message`, `notification`) become a
/// broadcast; anything else whose `data` reads as a task (a title or description) becomes
/// a task, routed by `target`, then a `ccNN` or specialty label in `data.labels`, then
/// `data.to`, then the task's own `target`.
enum LegacyMessage {
    /// Types that carry a message to agents rather than work.
    static let messageTypes: Set<String> = ["broadcast", "agent_message", "message", "notification"]

    /// What a message asks for, or a problem saying why it cannot be used.
    static func decide(_ body: JSONValue, rules: WebhookRules, now: Date) throws(Problem) -> WebhookDecision {
        guard case .object(let members) = body else {
            throw .unprocessable("a webhook message is a JSON object such as {\"type\": \"task\", \"data\": {...}}")
        }
        let type = members["type"]?.string?.lowercased() ?? ""
        let data = members["data"] ?? body
        let source = members["source"]?.string
        if messageTypes.contains(type) {
            let text = data["message"]?.string ?? data["text"]?.string ?? data["content"]?.string ?? data.compactText
            let to = members["target"] ?? data["to"]
            let from = data["from"]?.string ?? source ?? "webhook"
            return .broadcast(Broadcast(message: text, from: from, target: BroadcastTargetText.target(to, rules: rules), sentAt: now))
        }
        var spec: TaskSpec
        do {
            spec = try JSONWire.decode(TaskSpec.self, from: JSONWire.encodeBytes(data))
        } catch {
            throw .unprocessable(
                "message type \"\(type.isEmpty ? "(none)" : type)\" is read as a task, but its data is not one: \(error) "
                    + "(types \(messageTypes.sorted().joined(separator: ", ")) are broadcast instead)")
        }
        guard !WhiteSpace.isBlank(spec.title), !WhiteSpace.isBlank(spec.description) else {
            throw .unprocessable("the task's title and description, where given, must not be blank (and one of them is needed)")
        }
        let explicit = members["target"]?.strings?.first
        let labelled = rules.route(forLabels: spec.labels)
        let addressed = data["to"]?.string
        if let target = explicit ?? labelled ?? addressed ?? spec.target {
            spec.target = rules.agentName(forLabel: target) ?? target
        }
        spec.source = .api
        spec.metadata["webhook.type"] = type.isEmpty ? nil : type
        spec.metadata["webhook.source"] = source
        return .submit(spec)
    }
}
