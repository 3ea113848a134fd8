import Foundation
import Wire

/// One routing rule: tasks whose words include any keyword go to `specialty`.
public struct RoutingRule: Sendable, Hashable {
    /// The specialty (worker service) the rule routes to.
    var specialty: String
    /// Words that select the rule, matched case-insensitively as whole words.
    var keywords: [String]

    /// A rule routing `keywords` to `specialty`.
    public init(specialty: String, keywords: [String]) {
        self.specialty = specialty
        self.keywords = keywords
    }

    /// The seed cluster's table: frontend, backend, infra.
    public static let defaults: [RoutingRule] = [
        RoutingRule(specialty: "frontend", keywords: ["ui", "frontend", "react", "component"]),
        RoutingRule(specialty: "backend", keywords: ["api", "backend", "database", "python"]),
        RoutingRule(specialty: "infra", keywords: ["deploy", "ci", "infra", "docker"]),
    ]
}

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
    private let rules: [RoutingRule]
    private let keywordIndex: [String: [Int]]
    private let defaultSpecialty: String

    init(rules: [RoutingRule], defaultSpecialty: String) {
        self.rules = rules
        self.defaultSpecialty = defaultSpecialty
        var index: [String: [Int]] = [:]
        for (position, rule) in rules.enumerated() {
            for keyword in rule.keywords {
                for word in Self.words(in: keyword) { index[word, default: []].append(position) }
            }
        }
        keywordIndex = index
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
        for field in [[spec.type], spec.labels, [spec.title]] {
            if let specialty = bestRule(for: field.flatMap(Self.words)) {
                let key = specialty.lowercased()
                return TaskRoute(key: key, reason: .rule, specialty: key)
            }
        }
        let key = defaultSpecialty.lowercased()
        return TaskRoute(key: key, reason: .fallback, specialty: key)
    }

    /// The rule with the most keyword hits among `words`; ties go to the earlier rule.
    private func bestRule(for words: [String]) -> String? {
        var hits: [Int: Int] = [:]
        for word in words {
            for position in keywordIndex[word] ?? [] { hits[position, default: 0] += 1 }
        }
        let best = hits.max { lhs, rhs in
            lhs.value != rhs.value ? lhs.value < rhs.value : lhs.key > rhs.key
        }
        return best.map { rules[$0.key].specialty }
    }

    /// Lowercased runs of letters and digits: `frontend_development` is two words.
    static func words(in text: String) -> [String] {
        text.lowercased()
            .split { !($0.isLetter || $0.isNumber) }
            .map(String.init)
    }
}
