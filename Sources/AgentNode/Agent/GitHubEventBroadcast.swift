import Foundation

/// A GitHub event the bridge forwarded to every agent: the broadcast's message is a JSON
/// object with `github_event` and a few string or number fields (action, repository,
/// sender, number, title, url, delivery).
struct GitHubEventBroadcast {
    var event: String
    /// Every top-level scalar field, as text, for the hook's environment.
    var fields: [String: String]

    init?(message: String) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(message.utf8)) as? [String: Any],
              let event = object["github_event"] as? String else { return nil }
        self.event = event
        var fields: [String: String] = [:]
        for (key, value) in object {
            switch value {
            case let text as String: fields[key] = text
            case let number as NSNumber: fields[key] = number.stringValue
            default: continue
            }
        }
        self.fields = fields
    }
}
