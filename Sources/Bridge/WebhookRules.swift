import Foundation

/// How webhook deliveries become tasks: routing labels, the trigger phrase, who is trusted.
///
/// The rules only decide; `WebhookRules+GitHub.swift` applies them to a parsed delivery.
public struct WebhookRules: Sendable, Hashable {
    /// Words that start work in an issue or comment (matched whole, in any case).
    public var triggerPhrase: String
    /// `author_association` values whose text may start work.
    var trustedAssociations: Set<String>
    /// GitHub logins trusted whatever their association (also lets a bot through).
    public var trustedLogins: Set<String>
    /// Labels that name a specialty, lower-cased label -> specialty.
    var specialtyLabels: [String: String]
    /// Labels of the form `<prefix><digits>` route to that agent (`cc01` -> `CC01`).
    var agentLabelPrefix: String
    /// An issue opened with the trigger phrase in its title or body starts work.
    var taskOnIssueOpened: Bool
    /// An issue labelled with a routing label starts work.
    var taskOnRoutingLabel: Bool
    /// A new issue or review comment with the trigger phrase starts work.
    var taskOnComment: Bool
    /// Events that are not about issues or comments are broadcast to every agent.
    var forwardOtherEvents: Bool
    /// The `type` of tasks made from GitHub issues and pull requests.
    var taskType: String

    /// Creates rules; the defaults follow the original cluster (cc01..ccNN, `@claude`).
    public init(
        triggerPhrase: String = "@claude",
        trustedAssociations: Set<String> = ["OWNER", "MEMBER", "COLLABORATOR"],
        trustedLogins: Set<String> = [],
        specialtyLabels: [String: String] = WebhookRules.defaultSpecialtyLabels,
        agentLabelPrefix: String = "cc",
        taskOnIssueOpened: Bool = true,
        taskOnRoutingLabel: Bool = true,
        taskOnComment: Bool = true,
        forwardOtherEvents: Bool = true,
        taskType: String = "github_issue"
    ) {
        self.triggerPhrase = triggerPhrase
        self.trustedAssociations = trustedAssociations
        self.trustedLogins = trustedLogins
        self.specialtyLabels = specialtyLabels
        self.agentLabelPrefix = agentLabelPrefix
        self.taskOnIssueOpened = taskOnIssueOpened
        self.taskOnRoutingLabel = taskOnRoutingLabel
        self.taskOnComment = taskOnComment
        self.forwardOtherEvents = forwardOtherEvents
        self.taskType = taskType
    }

    /// The seed's specialties and their common spellings.
    public static let defaultSpecialtyLabels: [String: String] = [
        "frontend": "frontend", "backend": "backend", "infra": "infra",
        "infrastructure": "infra", "docs": "docs", "testing": "testing",
    ]

    /// Checks the rules can match anything at all.
    func validate() throws(BridgeConfigurationError) {
        guard !triggerPhrase.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw .invalidWebhookRule("the trigger phrase is empty: every comment would start work")
        }
        guard !agentLabelPrefix.isEmpty else {
            throw .invalidWebhookRule("agent_label_prefix is empty: every numeric label would name an agent")
        }
    }
}

extension WebhookRules {
    /// Where a label routes: an agent name (`cc01` -> `CC01`), a specialty, or nowhere.
    func route(forLabel label: String) -> String? {
        agentName(forLabel: label) ?? specialtyLabels[label.lowercased()]
    }

    /// The first routing label's target, agent labels before specialty labels.
    func route(forLabels labels: [String]) -> String? {
        labels.lazy.compactMap(agentName(forLabel:)).first
            ?? labels.lazy.compactMap { specialtyLabels[$0.lowercased()] }.first
    }

    /// The agent a `<prefix><digits>` label names, upper-cased.
    func agentName(forLabel label: String) -> String? {
        let name = label.lowercased()
        let prefix = agentLabelPrefix.lowercased()
        guard name.hasPrefix(prefix) else { return nil }
        let digits = name.dropFirst(prefix.count)
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return name.uppercased()
    }

    /// True when `text` holds the trigger phrase as a whole word, in any case.
    func containsTrigger(_ text: String) -> Bool {
        TriggerPhrase(triggerPhrase).isFound(in: text)
    }

    /// True when a login is on the allow-list (GitHub logins are case-insensitive).
    func isTrustedLogin(_ login: String?) -> Bool {
        guard let login else { return false }
        let lowered = login.lowercased()
        return trustedLogins.contains { $0.lowercased() == lowered }
    }
}
