import Foundation
import Wire

/// Reads `GET /tasks` query parameters into a `TaskListQuery`.
///
/// `state` may repeat or hold a comma list (`?state=queued,running&state=retrying`);
/// `agent`, `source`, `limit` (1...500) and `cursor` are single values.
enum TaskListQueryText {
    /// The largest page a client may ask for.
    static let maximumLimit = 500

    /// The query, or a 400 naming the parameter that is wrong.
    static func parse(_ pairs: [(key: String, value: String)]) throws(Problem) -> TaskListQuery {
        var query = TaskListQuery()
        let parameters = Dictionary(pairs.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
        let stateWords = pairs.filter { $0.key == "state" }.flatMap { $0.value.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if !stateWords.isEmpty {
            var states: [TaskState] = []
            for word in stateWords {
                guard let state = TaskState(rawValue: word.lowercased()) else {
                    throw .badRequest(
                        "state \"\(word)\" is not a task state: use \(TaskState.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                if !states.contains(state) { states.append(state) }
            }
            query.states = states
        }
        if let agent = parameters["agent"], !agent.isEmpty { query.agent = agent }
        if let source = parameters["source"] {
            guard let value = TaskSource(rawValue: source.lowercased()) else {
                throw .badRequest(
                    "source \"\(source)\" is not a task source: use \(TaskSource.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            query.source = value
        }
        if let limit = parameters["limit"] {
            guard let value = Int(limit), (1...maximumLimit).contains(value) else {
                throw .badRequest("limit \"\(limit)\" must be a whole number from 1 to \(maximumLimit)")
            }
            query.limit = value
        }
        if let cursor = parameters["cursor"], !cursor.isEmpty { query.cursor = cursor }
        return query
    }
}
