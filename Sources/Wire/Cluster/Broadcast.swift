import Foundation

/// A message to many agents at once: the `mmi.broadcast` payload and the PUB body on
/// the `broadcast.*` topics.
public struct Broadcast: Codable, Sendable, Hashable, VersionedBody {
    public var v: Int = 1
    /// The text to deliver.
    public var message: String
    /// Who sent it: a person, `bridge`, `cli`, or an agent name.
    public var from: String
    /// Who should receive it.
    public var target: BroadcastTarget
    /// When the sender sent it.
    public var sentAt: Date

    /// Creates a broadcast.
    public init(message: String, from: String, target: BroadcastTarget = .all, sentAt: Date) {
        self.message = message
        self.from = from
        self.target = target
        self.sentAt = sentAt
    }

    /// The PUB topics the broker publishes this broadcast on, one message per topic.
    public var topics: [String] {
        switch target {
        case .all: [Topic.broadcastAll]
        case .specialties(let names): names.map(Topic.specialty)
        case .agents(let names): names.map(Topic.agent)
        }
    }

    enum CodingKeys: String, CodingKey {
        case v, message, from, target
        case sentAt = "sent_at"
    }
}

/// Who a broadcast is for.
///
/// JSON: `{"kind":"all"}`, `{"kind":"specialties","names":["frontend"]}`,
/// `{"kind":"agents","names":["CC01","CC02"]}`.
public enum BroadcastTarget: Codable, Sendable, Hashable {
    /// Every agent.
    case all
    /// Agents of these specialties.
    case specialties([String])
    /// These agents by name.
    case agents([String])

    enum CodingKeys: String, CodingKey { case kind, names }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try container.decode(String.self, forKey: .kind)
        switch kind {
        case "all": self = .all
        case "specialties": self = .specialties(try container.decode([String].self, forKey: .names))
        case "agents": self = .agents(try container.decode([String].self, forKey: .names))
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .kind, in: container,
                debugDescription: "unknown broadcast target \"\(kind)\": expected all, specialties or agents")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .all:
            try container.encode("all", forKey: .kind)
        case .specialties(let names):
            try container.encode("specialties", forKey: .kind)
            try container.encode(names, forKey: .names)
        case .agents(let names):
            try container.encode("agents", forKey: .kind)
            try container.encode(names, forKey: .names)
        }
    }
}
