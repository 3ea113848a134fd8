/// The keys each part of the configuration accepts, so a misspelt key is an error
/// instead of a silently ignored line.
indirect enum ConfigurationSchema: Sendable {
    case object([String: ConfigurationSchema])
    case list(ConfigurationSchema)
    /// A mapping whose keys are the user's (routing rules by specialty).
    case freeMap
    case scalar

    static func object<Keys: CodingKey & CaseIterable>(
        _ keys: Keys.Type, _ children: [String: ConfigurationSchema] = [:]
    ) -> ConfigurationSchema {
        var fields: [String: ConfigurationSchema] = [:]
        for key in Keys.allCases { fields[key.stringValue] = children[key.stringValue] ?? .scalar }
        return .object(fields)
    }

    static let cluster: ConfigurationSchema = .object(ClusterConfiguration.CodingKeys.self, [
        "cluster": .object(ClusterSection.CodingKeys.self),
        "broker": .object(BrokerSection.CodingKeys.self, [
            "tasks": .object(TaskPolicySection.CodingKeys.self),
            "routing": .object(RoutingSection.CodingKeys.self, ["rules": .freeMap]),
            "usage_limits": .object(UsageLimitsSection.CodingKeys.self),
            "journal": .object(JournalSection.CodingKeys.self),
            "alerts": .object(AlertsSection.CodingKeys.self, ["webhook_headers": .freeMap]),
            "ha": .object(HASection.CodingKeys.self),
        ]),
        "bus": .object(BusSection.CodingKeys.self),
        "bridge": .object(BridgeSection.CodingKeys.self, [
            "github": .object(GitHubSection.CodingKeys.self),
            "tls": .object(BridgeTLSSection.CodingKeys.self),
        ]),
        "agent_defaults": .object(AgentSection.CodingKeys.self),
        "agents": .list(.object(AgentSection.CodingKeys.self)),
        "security": .object(SecuritySection.CodingKeys.self),
    ])
}

extension BusSection {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case endpoints, events
    }
}
