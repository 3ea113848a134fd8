import Foundation
import MCP

/// The arguments of one tool call, read with the checks and wording a model can act on.
struct ToolArguments: Sendable {
    let values: [String: Value]

    init(_ values: [String: Value]?) {
        self.values = values ?? [:]
    }

    /// A string argument that must be present and not blank.
    func requiredString(_ name: String) throws(ToolInputError) -> String {
        guard let text = try string(name) else {
            throw ToolInputError("`\(name)` is required: pass it as a non-empty string")
        }
        return text
    }

    /// A string argument, nil when absent, null or blank.
    func string(_ name: String) throws(ToolInputError) -> String? {
        guard let value = values[name], !value.isNull else { return nil }
        guard let text = value.stringValue else {
            throw ToolInputError("`\(name)` must be a string")
        }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }

    /// A list of strings; a single string counts as a list of one.
    func strings(_ name: String) throws(ToolInputError) -> [String] {
        guard let value = values[name], !value.isNull else { return [] }
        if let text = value.stringValue { return [text] }
        guard let array = value.arrayValue else {
            throw ToolInputError("`\(name)` must be an array of strings")
        }
        var texts: [String] = []
        for element in array {
            guard let text = element.stringValue else { throw ToolInputError("`\(name)` must be an array of strings") }
            texts.append(text)
        }
        return texts
    }

    /// A number of seconds (integer or fractional), nil when absent; must be positive.
    func seconds(_ name: String) throws(ToolInputError) -> Double? {
        guard let value = values[name], !value.isNull else { return nil }
        let number = value.doubleValue ?? value.intValue.map(Double.init)
        guard let number, number.isFinite, number > 0 else {
            throw ToolInputError("`\(name)` must be a positive number of seconds")
        }
        return number
    }

    /// A positive integer, nil when absent.
    func count(_ name: String) throws(ToolInputError) -> Int? {
        guard let value = values[name], !value.isNull else { return nil }
        let number = value.intValue ?? value.doubleValue.flatMap { $0.rounded() == $0 ? Int(exactly: $0) : nil }
        guard let number, number > 0 else { throw ToolInputError("`\(name)` must be a positive integer") }
        return number
    }

    /// One of `allowed`, nil when absent.
    func choice<Choice: RawRepresentable & CaseIterable>(_ name: String, of type: Choice.Type) throws(ToolInputError) -> Choice?
    where Choice.RawValue == String {
        guard let text = try string(name) else { return nil }
        guard let choice = Choice(rawValue: text.lowercased()) else {
            let allowed = Choice.allCases.map(\.rawValue).joined(separator: ", ")
            throw ToolInputError("`\(name)` must be one of \(allowed); got \"\(text)\"")
        }
        return choice
    }
}
