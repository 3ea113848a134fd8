import Foundation

/// Something the broker publishes on its PUB socket (everything but broadcasts).
///
/// JSON: `{"v":1,"kind":"task.state","at":"…","task":{…},"previous_state":"running"}`,
/// `{"v":1,"kind":"task.progress","at":"…","progress":{…}}`,
/// `{"v":1,"kind":"alert","at":"…","alert":{…}}`,
/// `{"v":1,"kind":"broker.heartbeat","at":"…","heartbeat":{…}}`.
public struct ClusterEvent: Codable, Sendable, Hashable, VersionedBody {
    /// What happened.
    public enum Payload: Sendable, Hashable {
        /// A task changed state; `previous` is nil for a new task.
        case taskState(TaskRecord, previous: TaskState?)
        /// A running task reported progress.
        case taskProgress(ProgressUpdate)
        /// Something needs a person's attention.
        case alert(Alert)
        /// The broker is alive.
        case brokerHeartbeat(BrokerHeartbeat)

        /// The `"kind"` value.
        public var kind: String {
            switch self {
            case .taskState: "task.state"
            case .taskProgress: "task.progress"
            case .alert: "alert"
            case .brokerHeartbeat: "broker.heartbeat"
            }
        }
    }

    public var v: Int = 1
    /// When the broker published it.
    public var at: Date
    public var payload: Payload

    /// Creates an event.
    public init(at: Date, payload: Payload) {
        self.at = at
        self.payload = payload
    }

    /// The topic the event is published on: `task.<id>`, `alert` or `heartbeat`.
    public var topic: String {
        switch payload {
        case .taskState(let task, _): Topic.task(task.id)
        case .taskProgress(let progress): Topic.task(progress.taskID)
        case .alert: Topic.alert
        case .brokerHeartbeat: Topic.heartbeat
        }
    }

    /// The whole PUB message.
    public var published: PublishedMessage { PublishedMessage(topic: topic, encoding: self) }

    enum CodingKeys: String, CodingKey {
        case v, kind, at, task
        case previousState = "previous_state"
        case progress, alert, heartbeat
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        v = try container.decode(Int.self, forKey: .v)
        at = try container.decode(Date.self, forKey: .at)
        let kind = try container.decode(String.self, forKey: .kind)
        switch kind {
        case "task.state":
            payload = .taskState(
                try container.decode(TaskRecord.self, forKey: .task),
                previous: try container.decodeIfPresent(TaskState.self, forKey: .previousState))
        case "task.progress":
            payload = .taskProgress(try container.decode(ProgressUpdate.self, forKey: .progress))
        case "alert":
            payload = .alert(try container.decode(Alert.self, forKey: .alert))
        case "broker.heartbeat":
            payload = .brokerHeartbeat(try container.decode(BrokerHeartbeat.self, forKey: .heartbeat))
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .kind, in: container,
                debugDescription: "unknown event kind \"\(kind)\": expected task.state, task.progress, alert or broker.heartbeat")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(v, forKey: .v)
        try container.encode(payload.kind, forKey: .kind)
        try container.encode(at, forKey: .at)
        switch payload {
        case .taskState(let task, let previous):
            try container.encode(task, forKey: .task)
            try container.encodeIfPresent(previous, forKey: .previousState)
        case .taskProgress(let progress):
            try container.encode(progress, forKey: .progress)
        case .alert(let alert):
            try container.encode(alert, forKey: .alert)
        case .brokerHeartbeat(let heartbeat):
            try container.encode(heartbeat, forKey: .heartbeat)
        }
    }
}
