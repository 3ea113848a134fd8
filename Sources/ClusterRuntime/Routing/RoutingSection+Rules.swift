import Broker

extension RoutingSection {
    /// The keyword rules the broker uses: the configured table, its specialties in
    /// alphabetical order (ties between rules go to the earlier one), or the seed's
    /// defaults (``RoutingRule/defaults``) when `rules:` is absent.
    public var routingRules: [RoutingRule] {
        rules.map { table in
            table.sorted { $0.key < $1.key }.map { RoutingRule(specialty: $0.key, keywords: $0.value) }
        } ?? RoutingRule.defaults
    }
}
