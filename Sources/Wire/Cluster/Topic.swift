/// The PUB topics of the broker's publisher socket.
///
/// libzmq subscriptions match by prefix, so a subscription to `task.1` also receives
/// `task.10`: subscribers compare the received topic frame exactly before acting.
public enum Topic {
    /// Broadcasts to every agent.
    public static let broadcastAll = "broadcast.all"
    /// The prefix of broadcasts to one specialty.
    public static let specialtyPrefix = "broadcast.specialty."
    /// The prefix of broadcasts to one agent.
    public static let agentPrefix = "broadcast.agent."
    /// The broker's own heartbeat (a `ClusterEvent` of kind `broker.heartbeat`).
    public static let heartbeat = "heartbeat"
    /// The prefix of task events; subscribe to it alone to follow every task.
    public static let taskPrefix = "task."
    /// Alerts (a `ClusterEvent` of kind `alert`).
    public static let alert = "alert"

    /// `broadcast.specialty.<specialty>`.
    public static func specialty(_ specialty: String) -> String { specialtyPrefix + specialty }

    /// `broadcast.agent.<name>`.
    public static func agent(_ name: String) -> String { agentPrefix + name }

    /// `task.<id>`: state changes and progress of one task.
    public static func task(_ id: String) -> String { taskPrefix + id }

    /// Every topic an agent subscribes to: all broadcasts, its specialties', its own, and
    /// the broker heartbeat.
    public static func agentSubscriptions(name: String, specialties: [String]) -> [String] {
        [broadcastAll, heartbeat] + specialties.map(specialty) + [agent(name)]
    }
}

/// One PUB message: `[topic, JSON body]`.
public struct PublishedMessage: Sendable, Hashable {
    /// The exact topic (compare it whole: subscriptions match by prefix).
    public var topic: String
    /// The JSON body: a `Broadcast` on `broadcast.*`, a `ClusterEvent` elsewhere.
    public var body: Frame

    /// Creates a message from a topic and an already-encoded body.
    public init(topic: String, body: Frame) {
        self.topic = topic
        self.body = body
    }

    /// Creates a message, encoding `value` with `JSONWire`.
    public init<Body: Encodable>(topic: String, encoding value: Body) {
        self.init(topic: topic, body: JSONWire.encode(value))
    }

    /// The two frames to send.
    public var frames: [Frame] { [Frame(topic), body] }

    /// Reads a received PUB message; nil unless it is exactly a UTF-8 topic and one body.
    public init?(frames: [Frame]) {
        guard frames.count == 2, let topic = frames[0].string, !topic.isEmpty else { return nil }
        self.init(topic: topic, body: frames[1])
    }
}
