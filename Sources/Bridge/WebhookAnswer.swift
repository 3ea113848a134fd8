import Wire

/// The JSON answer to a webhook delivery; only the members that apply are present.
///
/// `{"task_id":…,"state":…,"agent":…,"links":{…},"delivery":…}` for a task,
/// `{"ignored":"reason"}`, `{"pong":true,"zen":…}`, `{"broadcast":true,"recipients":3}`;
/// a repeated delivery gets the first answer with `"duplicate":true`.
struct WebhookAnswer: Codable, Sendable, Hashable {
    var taskID: String?
    var state: TaskState?
    var agent: String?
    var links: TaskAccepted.Links?
    var ignored: String?
    var pong: Bool?
    var zen: String?
    var broadcast: Bool?
    var recipients: Int?
    var delivery: String?
    var duplicate: Bool?

    enum CodingKeys: String, CodingKey {
        case taskID = "task_id"
        case state, agent, links, ignored, pong, zen, broadcast, recipients, delivery, duplicate
    }

    /// A task was submitted.
    static func task(_ record: TaskRecord, delivery: String?) -> WebhookAnswer {
        let accepted = TaskAccepted(record)
        return WebhookAnswer(
            taskID: accepted.taskID, state: accepted.state, agent: accepted.agent, links: accepted.links,
            delivery: delivery)
    }

    /// Nothing was done, for `reason`.
    static func ignored(_ reason: String, delivery: String?) -> WebhookAnswer {
        WebhookAnswer(ignored: reason, delivery: delivery)
    }

    /// GitHub's ping answered.
    static func pong(zen: String?, delivery: String?) -> WebhookAnswer {
        WebhookAnswer(pong: true, zen: zen, delivery: delivery)
    }

    /// The event was broadcast to `recipients` agents.
    static func broadcast(recipients: Int, delivery: String?) -> WebhookAnswer {
        WebhookAnswer(broadcast: true, recipients: recipients, delivery: delivery)
    }

    /// 202 when work was handed over, 200 otherwise (and always 200 for a repeat).
    var status: Int {
        if duplicate == true { return 200 }
        return taskID != nil || broadcast == true ? 202 : 200
    }
}
