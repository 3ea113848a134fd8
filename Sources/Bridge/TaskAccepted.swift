import Foundation
import Wire

/// The answer to a submitted task: `{task_id, state, agent, links}`.
struct TaskAccepted: Codable, Sendable, Hashable {
    var taskID: String
    var state: TaskState
    /// The agent, once one is known.
    var agent: String?
    var links: Links

    /// Where to follow the task.
    struct Links: Codable, Sendable, Hashable {
        var `self`: String
        var events: String
        var log: String
    }

    init(_ record: TaskRecord) {
        self.taskID = record.id
        self.state = record.state
        self.agent = record.agent
        self.links = Links(taskID: record.id)
    }

    enum CodingKeys: String, CodingKey {
        case taskID = "task_id"
        case state, agent, links
    }
}

extension TaskAccepted.Links {
    /// The paths of one task's resources.
    init(taskID: String) {
        let base = "/tasks/" + TaskPath.escape(taskID)
        self.init(self: base, events: base + "/events", log: base + "/log")
    }
}

/// Task ids in URL paths.
enum TaskPath {
    /// `id` percent-encoded as one path segment.
    static func escape(_ id: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/?#")
        return id.addingPercentEncoding(withAllowedCharacters: allowed) ?? id
    }
}
