import Foundation
import Wire

/// The JSON body of the alert webhook: a Slack-compatible `text`, and the whole alert for
/// receivers that want its fields.
///
/// ```json
/// {"text":":rotating_light: [local] critical agent_down: Agent cc01 stopped …",
///  "cluster":"local","at":"2026-12-03T12:00:00Z","held_back":0,
///  "alert":{"kind":"agent_down","severity":"critical","text":"…","agent":"cc01"}}
/// ```
public struct AlertMessage: Codable, Sendable, Hashable {
    /// One line for a chat channel (Slack, Mattermost, Rocket.Chat and Discord's
    /// `/slack` endpoint all show `text`).
    public var text: String
    /// The cluster's name (`cluster.name`).
    public var cluster: String
    /// When the broker raised it.
    public var at: Date
    /// Alerts of this kind held back by the rate limit since the last delivered one.
    public var heldBack: Int
    /// The alert itself.
    public var alert: Alert

    /// Builds the message, wording `text` from the alert.
    public init(alert: Alert, cluster: String, at: Date, heldBack: Int) {
        self.alert = alert
        self.cluster = cluster
        self.at = at
        self.heldBack = heldBack
        let icon = switch alert.severity {
        case .critical: ":rotating_light:"
        case .warning: ":warning:"
        case .info: ":information_source:"
        }
        var text = "\(icon) [\(cluster)] \(alert.severity.rawValue) \(alert.kind.rawValue): \(alert.text)"
        if heldBack > 0 {
            text += " (\(heldBack) more \(alert.kind.rawValue) alert\(heldBack == 1 ? "" : "s") held back by the rate limit)"
        }
        self.text = text
    }

    enum CodingKeys: String, CodingKey {
        case text, cluster, at, alert
        case heldBack = "held_back"
    }

    /// The body as sent: ISO 8601 dates, sorted keys.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(self)
    }
}
