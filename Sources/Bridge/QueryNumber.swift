import Hummingbird

/// An optional whole-number query parameter, checked against its range. Pure.
enum QueryNumber {
    /// The value of `name` in the request's query, nil when absent; 400 when it is not a
    /// whole number within `range`, or given twice.
    static func read(_ name: String, in request: Request, within range: ClosedRange<Int>) throws(Problem) -> Int? {
        let values = request.uri.queryParameters.filter { $0.key == name[...] }.map { String($0.value) }
        return try parse(name, values, within: range)
    }

    /// The number the values of one parameter give; see ``read(_:in:within:)``.
    static func parse(_ name: String, _ values: [String], within range: ClosedRange<Int>) throws(Problem) -> Int? {
        guard let text = values.first else { return nil }
        guard values.count == 1 else { throw .badRequest("give \(name) once") }
        guard let number = Int(text), range.contains(number) else {
            throw .badRequest("\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound), not \"\(text)\"")
        }
        return number
    }
}
