/// Replaces `{name}` placeholders in command-line arguments, in one pass.
///
/// One pass means a value that itself contains `{prompt}` (a task description quoting a
/// template, say) is never expanded again. Unknown placeholders stay as written.
enum CommandTemplate {
    /// `argument` with every known `{name}` replaced by its value.
    static func expand(_ argument: String, values: [String: String]) -> String {
        var output = ""
        var rest = Substring(argument)
        while let open = rest.firstIndex(of: "{") {
            output += rest[..<open]
            let afterOpen = rest.index(after: open)
            guard let close = rest[afterOpen...].firstIndex(of: "}") else {
                rest = rest[open...]
                break
            }
            let name = String(rest[afterOpen..<close])
            if let value = values[name] {
                output += value
            } else {
                output += rest[open...close]
            }
            rest = rest[rest.index(after: close)...]
        }
        output += rest
        return output
    }

    /// Every argument expanded.
    static func expand(_ arguments: [String], values: [String: String]) -> [String] {
        arguments.map { expand($0, values: values) }
    }
}
