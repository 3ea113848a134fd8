/// Finds a phrase such as `@claude` as a whole word, in any case.
///
/// A word boundary is anything but a letter, digit, `_` or `-`, so `@claude-bot`,
/// `@claudette` and `me@claude.dev` do not count, while `(@Claude)` and `@CLAUDE,` do.
struct TriggerPhrase: Sendable {
    let phrase: [Character]

    init(_ phrase: String) {
        self.phrase = Array(phrase.lowercased())
    }

    /// True when the phrase occurs with a word boundary on both sides.
    func isFound(in text: String) -> Bool {
        guard !phrase.isEmpty else { return false }
        let characters = Array(text.lowercased())
        guard characters.count >= phrase.count else { return false }
        for start in 0...(characters.count - phrase.count)
        where characters[start..<(start + phrase.count)].elementsEqual(phrase) {
            let before = start == 0 ? nil : characters[start - 1]
            let end = start + phrase.count
            let after = end == characters.count ? nil : characters[end]
            if Self.isBoundary(before), Self.isBoundary(after) {
                return true
            }
        }
        return false
    }

    /// The start or end of the text, or a character that cannot continue a word or login.
    private static func isBoundary(_ neighbour: Character?) -> Bool {
        guard let neighbour else { return true }
        return !isWordCharacter(neighbour)
    }

    private static func isWordCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "_" || character == "-"
    }
}
