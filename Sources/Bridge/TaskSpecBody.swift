import Wire

/// Reads a task from a request body, telling unreadable JSON (400) from unusable content (422).
enum TaskSpecBody {
    /// The task in `bytes`.
    static func decode(_ bytes: [UInt8]) throws(Problem) -> TaskSpec {
        let spec: TaskSpec
        do {
            spec = try JSONWire.decode(TaskSpec.self, from: bytes)
        } catch {
            switch error {
            case .empty, .malformed:
                throw .badRequest("the body is not a JSON task: \(error)")
            default:
                throw .unprocessable("\(error)")
            }
        }
        guard !WhiteSpace.isBlank(spec.title), !WhiteSpace.isBlank(spec.description) else {
            throw .unprocessable("a task needs a non-empty title or description")
        }
        return spec
    }
}
