import Foundation
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
        // The schema lets other optional members be null; a title or a description is text.
        if let members = (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any],
            members["title"] is NSNull || members["description"] is NSNull
        {
            throw .unprocessable("a task's title and description, where given, are text, not null")
        }
        // A missing title is taken from the description and a missing description from the
        // title, so this refuses exactly what the OpenAPI schema does: a title or a
        // description that is given but blank, or neither given.
        guard !WhiteSpace.isBlank(spec.title), !WhiteSpace.isBlank(spec.description) else {
            throw .unprocessable("a task's title and description, where given, must not be blank (and one of them is needed)")
        }
        return spec
    }
}
