import Foundation

import Wire

/// Reads the `to` of a broadcast as people write it: `"all"`, an agent (`cc01`,
/// `CC02`), a specialty (`frontend`), or a list of agent names.
enum BroadcastTargetText {
    /// The target for a `to` value; nil or empty means everyone.
    static func target(_ value: JSONValue?, rules: WebhookRules) -> BroadcastTarget {
        guard let names = value?.strings?.map({ $0.trimmingCharacters(in: .whitespaces) }).filter({ !$0.isEmpty }),
            !names.isEmpty
        else { return .all }
        if case .string(let one) = value {
            return target(one, rules: rules)
        }
        if names.contains(where: { $0.lowercased() == "all" }) { return .all }
        return .agents(names.map { rules.agentName(forLabel: $0) ?? $0 })
    }

    /// The target for one word.
    static func target(_ word: String, rules: WebhookRules) -> BroadcastTarget {
        let trimmed = word.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty || trimmed.lowercased() == "all" { return .all }
        if let agent = rules.agentName(forLabel: trimmed) { return .agents([agent]) }
        return .specialties([rules.specialtyLabels[trimmed.lowercased()] ?? trimmed.lowercased()])
    }
}
