/// Which rule's keywords a task's words hit: the keyword part of routing, as a pure value.
///
/// The type is read first, then the labels, then the title; the first of those in which
/// some keyword appears decides. Within it, the rule with the most keyword hits wins and
/// a tie goes to the earlier rule.
///
/// ```swift
/// let matcher = RuleMatcher(rules: RoutingRule.defaults)
/// matcher.match(type: "", labels: [], title: "Set up GitHub Actions for tests")
/// // RuleMatch(specialty: "infra", field: .title, keyword: "github actions", words: "GitHub Actions", hits: 1)
/// ```
public struct RuleMatcher: Sendable {
    private let rules: [RoutingRule]
    /// Each rule's keywords as stem sequences, with the keyword as written.
    private let stemmedKeywords: [[(keyword: String, stems: [String])]]

    /// A matcher for `rules`, in their order of precedence.
    public init(rules: [RoutingRule]) {
        self.rules = rules
        stemmedKeywords = rules.map { rule in
            rule.keywords.compactMap { keyword -> (keyword: String, stems: [String])? in
                let stems = Self.tokens(in: keyword).map(\.stem)
                return stems.isEmpty ? nil : (keyword: keyword, stems: stems)
            }
        }
    }

    /// The rule that decides for a task with this type, these labels and this title, or
    /// nil when no keyword appears in any of them.
    public func match(type: String, labels: [String], title: String) -> RuleMatch? {
        let fields: [(RuleMatch.Field, [String])] = [(.type, [type]), (.labels, labels), (.title, [title])]
        for (field, texts) in fields {
            if let found = bestMatch(in: texts.map { Self.tokens(in: $0) }, field: field) { return found }
        }
        return nil
    }

    /// The rule with the most hits among `texts` (each searched on its own, so a phrase
    /// never spans two labels); ties go to the earlier rule.
    private func bestMatch(in texts: [[Token]], field: RuleMatch.Field) -> RuleMatch? {
        var best: RuleMatch?
        for (position, keywords) in stemmedKeywords.enumerated() {
            var hits = 0
            var first: (keyword: String, words: String, at: Int)?
            for (textIndex, tokens) in texts.enumerated() {
                for (keyword, stems) in keywords {
                    for start in Self.occurrences(of: stems, in: tokens) {
                        hits += 1
                        let order = textIndex * 100_000 + start
                        if first.map({ order < $0.at }) ?? true {
                            let words = tokens[start..<start + stems.count].map(\.text).joined(separator: " ")
                            first = (keyword, words, order)
                        }
                    }
                }
            }
            guard hits > 0, let first, hits > (best?.hits ?? 0) else { continue }
            best = RuleMatch(
                specialty: rules[position].specialty, field: field, keyword: first.keyword, words: first.words, hits: hits)
        }
        return best
    }

    /// Where the stem sequence `stems` starts in `tokens`.
    private static func occurrences(of stems: [String], in tokens: [Token]) -> [Int] {
        guard !stems.isEmpty, tokens.count >= stems.count else { return [] }
        return (0...(tokens.count - stems.count)).filter { start in
            stems.indices.allSatisfy { tokens[start + $0].stem == stems[$0] }
        }
    }

    /// One word of a text: as written, and its lowercased stem.
    struct Token {
        var text: String
        var stem: String
    }

    /// Runs of letters and digits: `frontend_development` and `CI/CD` are two words each.
    static func tokens(in text: String) -> [Token] {
        text.split { !($0.isLetter || $0.isNumber) }
            .map { Token(text: String($0), stem: WordStemmer.stem($0.lowercased())) }
    }
}

/// Why a rule chose a task's specialty: which rule, in which field, on which word.
public struct RuleMatch: Sendable, Hashable {
    /// The part of the task the keyword was found in.
    public enum Field: String, Sendable, Hashable {
        case type, labels, title
    }

    /// The specialty of the rule that won.
    public var specialty: String
    /// Where the keyword was found.
    public var field: Field
    /// The first keyword of the winning rule found, as written in the rule.
    public var keyword: String
    /// The task's words that matched it, as the task spells them.
    public var words: String
    /// How many keyword hits the winning rule had in that field.
    public var hits: Int

    /// A match of `keyword` (found as `words`) selecting `specialty`.
    init(specialty: String, field: Field, keyword: String, words: String, hits: Int) {
        self.specialty = specialty
        self.field = field
        self.keyword = keyword
        self.words = words
        self.hits = hits
    }
}
