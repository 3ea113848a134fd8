/// Checks the meaning of a parsed configuration: values in range, names unique, endpoints
/// well-formed. Every failure names the key.
enum ConfigurationValidator {
    static let balancingStrategies = ["round_robin", "least_loaded", "affinity"]

    static func validate(_ configuration: ClusterConfiguration, file: String) throws(ConfigurationError) {
        func fail(_ key: String, _ problem: String) -> ConfigurationError {
            ConfigurationError(file: file, key: key, problem: problem)
        }
        if let broker = configuration.broker {
            guard isEndpoint(broker.bind) else { throw fail("broker.bind", "'\(broker.bind)' is not a ZeroMQ endpoint such as tcp://127.0.0.1:5555") }
            guard isEndpoint(broker.publish) else { throw fail("broker.publish", "'\(broker.publish)' is not a ZeroMQ endpoint such as tcp://127.0.0.1:5556") }
            guard broker.bind != broker.publish else { throw fail("broker.publish", "must differ from broker.bind") }
            guard (10...60_000).contains(broker.heartbeatMs) else { throw fail("broker.heartbeat_ms", "must be between 10 and 60000 (got \(broker.heartbeatMs))") }
            guard (1...100).contains(broker.liveness) else { throw fail("broker.liveness", "must be between 1 and 100 (got \(broker.liveness))") }
            guard (0...60_000).contains(broker.disconnectGraceMs) else {
                throw fail("broker.disconnect_grace_ms", "must be between 0 and 60000 (got \(broker.disconnectGraceMs))")
            }
            guard broker.requestExpirySeconds > 0 else { throw fail("broker.request_expiry_s", "must be greater than 0") }
            guard broker.tasks.defaultTimeoutSeconds > 0 else { throw fail("broker.tasks.default_timeout_s", "must be greater than 0") }
            guard broker.tasks.maxAttempts >= 1 else { throw fail("broker.tasks.max_attempts", "must be at least 1") }
            guard broker.tasks.retryBaseMs >= 0, broker.tasks.retryCapMs >= broker.tasks.retryBaseMs else {
                throw fail("broker.tasks.retry_cap_ms", "must be at least retry_base_ms")
            }
            let limits = broker.usageLimits
            guard limits.defaultPauseSeconds.isFinite, limits.defaultPauseSeconds >= 1, limits.defaultPauseSeconds <= 30 * 86_400 else {
                throw fail("broker.usage_limits.default_pause_s", "must be between 1 and 2592000 (30 days) (got \(limits.defaultPauseSeconds))")
            }
            guard limits.resumeMarginSeconds.isFinite, limits.resumeMarginSeconds >= 0, limits.resumeMarginSeconds <= 86_400 else {
                throw fail("broker.usage_limits.resume_margin_s", "must be between 0 and 86400 (got \(limits.resumeMarginSeconds))")
            }
            guard balancingStrategies.contains(broker.routing.balancing) else {
                throw fail("broker.routing.balancing", "'\(broker.routing.balancing)' is not one of \(balancingStrategies.joined(separator: ", "))")
            }
            guard !broker.routing.defaultSpecialty.isEmpty else { throw fail("broker.routing.default_specialty", "must not be empty") }
            try validateOperations(broker, fail: fail)
        }
        if let bus = configuration.bus {
            guard !bus.endpoints.isEmpty else { throw fail("bus.endpoints", "needs at least one broker endpoint") }
            for (index, endpoint) in bus.endpoints.enumerated() where !isEndpoint(endpoint) {
                throw fail("bus.endpoints[\(index)]", "'\(endpoint)' is not a ZeroMQ endpoint")
            }
            for (index, endpoint) in bus.events.enumerated() where !isEndpoint(endpoint) {
                throw fail("bus.events[\(index)]", "'\(endpoint)' is not a ZeroMQ endpoint")
            }
        } else if configuration.broker == nil, !configuration.agents.isEmpty || configuration.bridge?.enabled == true {
            throw fail("bus", "is required when this machine runs no broker: list the broker's endpoints")
        }
        if let bridge = configuration.bridge, bridge.enabled {
            guard HostAndPort(bridge.listen) != nil else { throw fail("bridge.listen", "'\(bridge.listen)' is not host:port") }
        }
        var names: Set<String> = []
        for (index, raw) in configuration.agents.enumerated() {
            let agent = raw.merged(over: configuration.agentDefaults)
            guard let name = agent.name, !name.isEmpty else { throw fail("agents[\(index)].name", "is required") }
            guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
                throw fail("agents[\(index)].name", "'\(name)' may only hold letters, digits, '-' and '_'")
            }
            guard names.insert(name.lowercased()).inserted else { throw fail("agents[\(index)].name", "'\(name)' is used by another agent") }
            guard let specialty = agent.specialty, !specialty.isEmpty else { throw fail("agents[\(index)].specialty", "is required") }
            guard !specialty.hasPrefix("mmi.") else { throw fail("agents[\(index)].specialty", "names starting with 'mmi.' belong to the broker") }
            if let runner = agent.runner, runner.isEmpty { throw fail("agents[\(index)].runner", "must name a command") }
            if let limit = agent.maxConcurrent, limit < 1 { throw fail("agents[\(index)].max_concurrent", "must be at least 1") }
            if let timeout = agent.taskTimeoutSeconds, timeout <= 0 { throw fail("agents[\(index)].task_timeout_s", "must be greater than 0") }
            if let mode = agent.permissionMode, !ClaudePermissionModes.valid.contains(mode) {
                throw fail(
                    "agents[\(index)].permission_mode",
                    "'\(mode)' is not one of Claude Code's modes: \(ClaudePermissionModes.valid.joined(separator: ", "))")
            }
            if let turns = agent.maxTurns, turns < 1 { throw fail("agents[\(index)].max_turns", "must be at least 1") }
            if let budget = agent.maxBudgetUSD, !(budget > 0) || !budget.isFinite {
                throw fail("agents[\(index)].max_budget_usd", "must be a positive number of US dollars")
            }
            if let directory = agent.claudeConfigDir, directory.isEmpty {
                throw fail("agents[\(index)].claude_config_dir", "must be a folder path (leave it out for the default)")
            }
            if let problem = AgentStatusListenCheck.problem(agent) { throw fail("agents[\(index)].\(problem.key)", problem.text) }
            try validateLimits(agent, index: index, fail: fail)
        }
        if configuration.security.curve, configuration.security.keysDir == nil {
            throw fail("security.keys_dir", "is required when security.curve is on")
        }
        if let exposed = BusExposure.problem(in: configuration) { throw fail(exposed.key, exposed.problem) }
        if let bridge = configuration.bridge {
            try GitHubSectionRules.check(bridge, fail: fail)
        }
        if let tls = configuration.bridge?.tls, tls.certificate.isEmpty || tls.key.isEmpty {
            throw fail("bridge.tls", "needs both certificate and key (PEM file paths)")
        }
    }

    static func isEndpoint(_ text: String) -> Bool {
        for scheme in ["tcp://", "ipc://", "inproc://"] where text.hasPrefix(scheme) {
            return text.count > scheme.count
        }
        return false
    }
}

/// A `host:port` pair as written in `bridge.listen`.
public struct HostAndPort: Sendable, Equatable {
    public var host: String
    public var port: Int

    public init?(_ text: String) {
        guard let colon = text.lastIndex(of: ":") else { return nil }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty, let port = Int(text[text.index(after: colon)...]), (0...65_535).contains(port) else { return nil }
        self.host = host
        self.port = port
    }
}
