/// One entry of `agents:` (or `agent_defaults:`); unset fields fall back to the defaults.
public struct AgentSection: Codable, Sendable, Equatable {
    public var name: String?
    public var specialty: String?
    /// Command template; `{permission_mode}`, `{claude_flags}` and the other placeholders are filled per task, the prompt goes on standard input.
    public var runner: [String]?
    public var permissionMode: String?
    /// A local path or a clone URL.
    public var repository: String?
    public var workspace: String?
    public var hooksDir: String?
    public var maxConcurrent: Int?
    public var taskTimeoutSeconds: Double?
    /// Unprivileged user the runner is started as when the agent runs as root.
    public var runAs: String?
    /// `gh pr create ...` template; empty list disables pull requests.
    public var pullRequestCommand: [String]?
    public var push: Bool?
    public var maxCPUPercent: Double?
    public var maxMemoryMB: Double?
    /// `alert` (the default) or `stop_task`: what crossing max_cpu_percent or max_memory_mb does.
    public var onResourceLimit: String? = nil
    /// With `stop_task`: samples in a row (one per heartbeat interval) over a limit before the runner is stopped.
    public var resourceLimitSamples: Int? = nil
    /// The account the runner's credential belongs to: agents naming the same account
    /// share its usage limits (one pauses, all pause). Unset: the agent's own account.
    public var account: String?

    /// `--model` for Claude Code; a task may override it.
    public var model: String?
    /// `--fallback-model`: used when the main model is busy.
    public var fallbackModel: String?
    /// `--max-turns`: a run past it ends as `max_turns`.
    public var maxTurns: Int?
    /// `--max-budget-usd`: a run past it ends as `budget_exceeded`.
    public var maxBudgetUSD: Double?
    /// `--allowedTools` rules (`Bash(npm test:*)`, `Edit`).
    public var allowedTools: [String]?
    /// `--disallowedTools` rules.
    public var disallowedTools: [String]?
    /// `--append-system-prompt`; unset gives the specialty's default, empty gives none.
    public var appendSystemPrompt: String?
    /// Claude Code's folder (`CLAUDE_CONFIG_DIR`); default `<data_dir>/agents/<name>/claude`.
    public var claudeConfigDir: String?
    /// Sets `IS_SANDBOX=1` so Claude Code allows bypassPermissions as root (containers).
    public var sandbox: Bool?
    /// `host:port` of the agent's own status port (`GET /health`, `GET /status`); unset: none.
    public var statusListen: String?
    /// Bearer token for the status port; required when `status_listen` is beyond loopback.
    public var statusToken: String?

    /// Every field unset: each is taken from `agent_defaults` or the built-in default.
    public init() {}

    /// An entry that names only its agent.
    public init(name: String?) {
        self.name = name
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, specialty, runner
        case permissionMode = "permission_mode"
        case repository, workspace
        case hooksDir = "hooks_dir"
        case maxConcurrent = "max_concurrent"
        case taskTimeoutSeconds = "task_timeout_s"
        case runAs = "run_as"
        case pullRequestCommand = "pull_request_command"
        case push
        case maxCPUPercent = "max_cpu_percent"
        case maxMemoryMB = "max_memory_mb"
        case onResourceLimit = "on_resource_limit"
        case resourceLimitSamples = "resource_limit_samples"
        case account
        case model
        case fallbackModel = "fallback_model"
        case maxTurns = "max_turns"
        case maxBudgetUSD = "max_budget_usd"
        case allowedTools = "allowed_tools"
        case disallowedTools = "disallowed_tools"
        case appendSystemPrompt = "append_system_prompt"
        case claudeConfigDir = "claude_config_dir"
        case sandbox
        case statusListen = "status_listen"
        case statusToken = "status_token"
    }

    /// This entry with every unset field taken from `defaults`, except `status_listen`:
    /// each agent needs a port of its own.
    public func merged(over defaults: AgentSection) -> AgentSection {
        var merged = self
        func inherit<Value>(_ field: WritableKeyPath<AgentSection, Value?>) {
            if merged[keyPath: field] == nil { merged[keyPath: field] = defaults[keyPath: field] }
        }
        inherit(\.name); inherit(\.specialty); inherit(\.runner); inherit(\.permissionMode)
        inherit(\.repository); inherit(\.workspace); inherit(\.hooksDir); inherit(\.maxConcurrent)
        inherit(\.taskTimeoutSeconds); inherit(\.runAs); inherit(\.pullRequestCommand); inherit(\.push)
        inherit(\.maxCPUPercent); inherit(\.maxMemoryMB); inherit(\.onResourceLimit)
        inherit(\.resourceLimitSamples); inherit(\.account); inherit(\.model); inherit(\.fallbackModel)
        inherit(\.maxTurns); inherit(\.maxBudgetUSD); inherit(\.allowedTools); inherit(\.disallowedTools)
        inherit(\.appendSystemPrompt); inherit(\.claudeConfigDir); inherit(\.sandbox); inherit(\.statusToken)
        return merged
    }
}
