/// Replaces `${NAME}` and `${NAME:-default}` in configuration text from the environment.
///
/// Secrets (API tokens, webhook secrets) stay out of config files this way. A reference
/// to an unset variable without a default is an error, so a typo in a name never turns
/// into an empty secret silently.
public enum EnvironmentInterpolation {
    /// Problems found while interpolating.
    public enum Failure: Error, Equatable, Sendable {
        case unsetVariable(name: String, line: Int)
        case unterminated(line: Int)
    }

    public static func apply(to text: String, environment: [String: String]) throws(Failure) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if index > 0 { output += "\n" }
            let (code, comment) = splitComment(line)
            output += try interpolate(code, line: index + 1, environment: environment)
            output += comment
        }
        return output
    }

    /// The line before its YAML comment, and the comment: a `#` at the start or after
    /// white space, outside quotes. References in comments are left alone.
    static func splitComment(_ line: Substring) -> (Substring, Substring) {
        var quote: Character?
        var previous: Character = " "
        for index in line.indices {
            let character = line[index]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "#", previous == " " || previous == "\t" {
                return (line[..<index], line[index...])
            }
            previous = character
        }
        return (line, "")
    }

    private static func interpolate(_ text: Substring, line: Int, environment: [String: String]) throws(Failure) -> String {
        var output = ""
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            guard character == "$", text.index(after: index) < text.endIndex, text[text.index(after: index)] == "{" else {
                output.append(character)
                index = text.index(after: index)
                continue
            }
            let start = text.index(index, offsetBy: 2)
            guard let close = text[start...].firstIndex(of: "}") else { throw .unterminated(line: line) }
            let reference = text[start..<close]
            let name: Substring
            let fallback: Substring?
            if let separator = reference.range(of: ":-") {
                name = reference[..<separator.lowerBound]
                fallback = reference[separator.upperBound...]
            } else {
                name = reference
                fallback = nil
            }
            if let value = environment[String(name)], !(value.isEmpty && fallback != nil) {
                output += value
            } else if let fallback {
                output += fallback
            } else {
                throw .unsetVariable(name: String(name), line: line)
            }
            index = text.index(after: close)
        }
        return output
    }
}
