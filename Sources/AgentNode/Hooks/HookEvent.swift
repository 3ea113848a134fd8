import Foundation
import Wire

/// One event handed to a hook: as JSON on standard input and as `CLUSTER_*` variables.
struct HookEvent: Sendable, Hashable, Encodable {
    /// The task an event is about.
    struct TaskInfo: Sendable, Hashable, Encodable {
        var id: String
        var attempt: Int
        var spec: TaskSpec

        /// Creates task details for a hook event.
        init(id: String, attempt: Int, spec: TaskSpec) {
            self.id = id
            self.attempt = attempt
            self.spec = spec
        }
    }

    var event: HookEventName
    var agent: String
    var specialty: String
    var at: Date
    var task: TaskInfo?
    var progress: ProgressUpdate?
    var result: TaskResult?
    /// Free text: the error, the message from another agent, the limit crossed, ...
    var message: String?
    /// Extra string fields, e.g. `github_event`, `from`, `resource`; also `CLUSTER_DATA_<KEY>`.
    var data: [String: String]

    /// Creates an event; the agent fills in its name and specialty when it fires it.
    init(
        event: HookEventName,
        agent: String = "",
        specialty: String = "",
        at: Date = Date(),
        task: TaskInfo? = nil,
        progress: ProgressUpdate? = nil,
        result: TaskResult? = nil,
        message: String? = nil,
        data: [String: String] = [:]
    ) {
        self.event = event
        self.agent = agent
        self.specialty = specialty
        self.at = at
        self.task = task
        self.progress = progress
        self.result = result
        self.message = message
        self.data = data
    }

    /// The JSON a hook reads on standard input (ISO-8601 dates, sorted keys).
    func jsonData() -> Data {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)) ?? Data("{}".utf8)
    }
}
