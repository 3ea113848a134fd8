import Broker

/// Which specialty the broker's keyword rules give a task that names no target, and why:
/// what `claude-cluster route` prints.
///
/// An explicit target (`--target`, an agent name or a specialty) always wins over the
/// rules; this explains only the rules and the fallback, which need no running broker.
public struct RouteExplanation: Sendable, Equatable {
    /// The specialty the task would be queued for.
    public var specialty: String
    /// The rule match that chose it, or nil when the fallback did.
    public var match: RuleMatch?

    /// The decision of `routing` for a task with this type, these labels and this title.
    public init(routing: RoutingSection, type: String, labels: [String], title: String) {
        match = RuleMatcher(rules: routing.routingRules).match(type: type, labels: labels, title: title)
        specialty = match?.specialty ?? routing.defaultSpecialty
    }

    /// One line: the specialty, then the reason.
    public var text: String {
        guard let match else {
            return "\(specialty): fallback (no rule's keyword is in the type, labels or title; broker.routing.default_specialty)"
        }
        let field = match.field == .labels ? "a label" : "the \(match.field.rawValue)"
        let hits = match.hits == 1 ? "" : ", \(match.hits) keyword hits"
        return "\(specialty): rule \"\(match.specialty)\", keyword \"\(match.keyword)\" matched \"\(match.words)\" in \(field)\(hits)"
    }
}
