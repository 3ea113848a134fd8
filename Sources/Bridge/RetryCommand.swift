import Foundation
import Wire

/// `@claude retry`: the trigger phrase, then the word `retry`, and nothing else. Pure.
enum RetryCommand {
    static func isRetry(_ text: String, triggerPhrase: String) -> Bool {
        let words = text.lowercased().split(whereSeparator: { $0.isWhitespace || $0.isNewline })
            .map { String($0).trimmingCharacters(in: .punctuationCharacters.subtracting(CharacterSet(charactersIn: "@"))) }
            .filter { !$0.isEmpty }
        let phrase = triggerPhrase.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return words.joined(separator: " ") == phrase + " retry"
    }

    /// True when a task in `state` is one a person may ask to run again.
    static func canRetry(_ state: TaskState) -> Bool {
        [.failed, .deadLettered, .timedOut, .cancelled].contains(state)
    }
}
