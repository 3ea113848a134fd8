import Foundation
import Wire

/// Where a task waits and which workers may take it.
struct TaskRoute: Sendable, Hashable {
    /// Why the route was chosen, for logs and tests.
    enum Reason: String, Sendable, Hashable {
        case agent, specialty, rule, fallback
    }

    /// The lowercased queue key: a specialty, or an agent name.
    var key: String
    var reason: Reason
    /// The specialty recorded in the task record (nil for an agent not yet seen).
    var specialty: String?
}

/// Chooses a task's route: explicit agent > explicit specialty > keyword rules > default.
struct RoutingRules: Sendable {
    private let matcher: RuleMatcher
    private let rules: [RoutingRule]
    private let defaultSpecialty: String

    init(rules: [RoutingRule], defaultSpecialty: String) {
        self.rules = rules
        self.defaultSpecialty = defaultSpecialty
        matcher = RuleMatcher(rules: rules)
    }

    /// Every specialty the rules and the default name, lowercased.
    var knownSpecialties: Set<String> {
        Set(rules.map { $0.specialty.lowercased() } + [defaultSpecialty.lowercased()])
    }

    /// The route of `spec`.
    ///
    /// - `isAgent`: whether a lowercased name belongs to an agent the broker knows.
    /// - `isSpecialty`: whether a lowercased name is a specialty some worker serves.
    ///
    /// A target that names neither is kept as it is: whichever agent or specialty by
    /// that name appears later will take it.
    func route(_ spec: TaskSpec, isAgent: (String) -> Bool, isSpecialty: (String) -> Bool) -> TaskRoute {
        if let target = spec.target.map(WhiteSpace.trimmed), !target.isEmpty {
            let key = target.lowercased()
            if isAgent(key) { return TaskRoute(key: key, reason: .agent, specialty: nil) }
            if isSpecialty(key) || knownSpecialties.contains(key) {
                return TaskRoute(key: key, reason: .specialty, specialty: key)
            }
            return TaskRoute(key: key, reason: .specialty, specialty: nil)
        }
        if let match = matcher.match(type: spec.type, labels: spec.labels, title: spec.title) {
            let key = match.specialty.lowercased()
            return TaskRoute(key: key, reason: .rule, specialty: key)
        }
        let key = defaultSpecialty.lowercased()
        return TaskRoute(key: key, reason: .fallback, specialty: key)
    }
}
