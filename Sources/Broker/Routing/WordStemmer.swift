/// Reduces English words to a crude common stem so that a routing keyword matches its
/// plural and verb forms: `components` → `component`, `deployment` and `deploying` →
/// `deploy`, `databases` and `database` → `databas`.
///
/// It is deliberately small: routing keywords are short technical nouns and verbs, and
/// both the keyword and the task's words pass through the same function, so a stem need
/// only be consistent, not a dictionary word. Words of three letters or fewer (`ui`,
/// `api`, `css`, `k8s`) are kept as they are, and no suffix is removed if fewer than
/// three letters would remain.
enum WordStemmer {
    /// Suffixes removed, longest first; the first that fits is the only one removed.
    private static let suffixes: [(suffix: String, replacement: String)] = [
        ("ments", ""), ("ment", ""), ("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""),
    ]

    /// The stem of one lowercased word.
    static func stem(_ word: String) -> String {
        var text = word
        guard text.count > 3 else { return text }
        for (suffix, replacement) in suffixes where text.hasSuffix(suffix) {
            if suffix == "s", text.hasSuffix("ss") || text.hasSuffix("us") { break }
            let kept = text.dropLast(suffix.count)
            guard kept.count >= 3 else { break }
            text = String(kept) + replacement
            break
        }
        if text.count > 3, text.hasSuffix("e") { text.removeLast() }
        return text
    }
}
