/// The keys each part of the configuration accepts, so a misspelt key is an error
/// instead of a silently ignored line, and the defaults of each section, so a file
/// names only what it changes.
indirect enum ConfigurationSchema: Sendable {
    /// A mapping with these keys. `defaults`, when present, is the section with every
    /// field at its default: a key left out, empty or `null` takes the default's value.
    case object([String: ConfigurationSchema], defaults: (any Encodable & Sendable)?)
    case list(ConfigurationSchema)
    /// A mapping whose keys are the user's (routing rules by specialty).
    case freeMap
    case scalar

    /// A section whose keys are `Keys` and whose fields all have values when left out.
    static func section<Keys: CodingKey & CaseIterable>(
        _ keys: Keys.Type, defaults: any Encodable & Sendable, _ children: [String: ConfigurationSchema] = [:]
    ) -> ConfigurationSchema {
        .object(fields(keys, children), defaults: defaults)
    }

    /// A mapping whose keys are `Keys`; a key left out is simply absent.
    static func object<Keys: CodingKey & CaseIterable>(
        _ keys: Keys.Type, _ children: [String: ConfigurationSchema] = [:]
    ) -> ConfigurationSchema {
        .object(fields(keys, children), defaults: nil)
    }

    private static func fields<Keys: CodingKey & CaseIterable>(
        _ keys: Keys.Type, _ children: [String: ConfigurationSchema]
    ) -> [String: ConfigurationSchema] {
        var fields: [String: ConfigurationSchema] = [:]
        for key in Keys.allCases { fields[key.stringValue] = children[key.stringValue] ?? .scalar }
        return fields
    }

    static let cluster: ConfigurationSchema = .section(ClusterConfiguration.CodingKeys.self, defaults: ClusterConfiguration(), [
        "cluster": .section(ClusterSection.CodingKeys.self, defaults: ClusterSection()),
        "broker": .section(BrokerSection.CodingKeys.self, defaults: BrokerSection(), [
            "tasks": .section(TaskPolicySection.CodingKeys.self, defaults: TaskPolicySection()),
            "routing": .section(RoutingSection.CodingKeys.self, defaults: RoutingSection(), ["rules": .freeMap]),
            "usage_limits": .section(UsageLimitsSection.CodingKeys.self, defaults: UsageLimitsSection()),
            "journal": .section(JournalSection.CodingKeys.self, defaults: JournalSection()),
            "alerts": .section(AlertsSection.CodingKeys.self, defaults: AlertsSection(), ["webhook_headers": .freeMap]),
        ]),
        "bus": .object(BusSection.CodingKeys.self),
        "bridge": .section(BridgeSection.CodingKeys.self, defaults: BridgeSection(), [
            "github": .section(GitHubSection.CodingKeys.self, defaults: GitHubSection()),
            "tls": .object(BridgeTLSSection.CodingKeys.self),
        ]),
        "agent_defaults": .object(AgentSection.CodingKeys.self),
        "agents": .list(.object(AgentSection.CodingKeys.self)),
        "security": .section(SecuritySection.CodingKeys.self, defaults: SecuritySection()),
    ])
}

extension BusSection {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case endpoints, events
    }
}
