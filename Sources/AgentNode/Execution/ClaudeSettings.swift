import Wire

/// Claude Code's settings for one agent, or for one attempt once a task's overrides apply.
///
/// Nil and empty values add no flag, so Claude Code's own defaults hold.
public struct ClaudeSettings: Sendable, Hashable {
    /// `--model`.
    var model: String?
    /// `--fallback-model`: used when the main model is busy.
    var fallbackModel: String?
    /// `--max-turns`: the run ends with `error_max_turns` past this.
    var maxTurns: Int?
    /// `--max-budget-usd`: the run ends with `error_max_budget_usd` past this.
    var maxBudgetUSD: Double?
    /// `--allowedTools`: tool rules allowed without asking (`Bash(npm test:*)`, `Edit`).
    var allowedTools: [String]
    /// `--disallowedTools`: tool rules always refused.
    var disallowedTools: [String]
    /// `--append-system-prompt`: added to Claude Code's system prompt.
    var appendSystemPrompt: String?

    /// Creates settings; everything unset by default.
    public init(
        model: String? = nil, fallbackModel: String? = nil, maxTurns: Int? = nil, maxBudgetUSD: Double? = nil,
        allowedTools: [String] = [], disallowedTools: [String] = [], appendSystemPrompt: String? = nil
    ) {
        self.model = model
        self.fallbackModel = fallbackModel
        self.maxTurns = maxTurns
        self.maxBudgetUSD = maxBudgetUSD
        self.allowedTools = allowedTools
        self.disallowedTools = disallowedTools
        self.appendSystemPrompt = appendSystemPrompt
    }

    /// These settings with every value the task sets taken from `overrides`.
    ///
    /// A task's appended system prompt comes after the agent's, so the specialty's guidance
    /// stays and the task adds to it.
    func overridden(by overrides: ClaudeOverrides?) -> ClaudeSettings {
        guard let overrides else { return self }
        var settings = self
        settings.model = overrides.model ?? model
        settings.fallbackModel = overrides.fallbackModel ?? fallbackModel
        settings.maxTurns = overrides.maxTurns ?? maxTurns
        settings.maxBudgetUSD = overrides.maxBudgetUSD ?? maxBudgetUSD
        settings.allowedTools = overrides.allowedTools ?? allowedTools
        settings.disallowedTools = overrides.disallowedTools ?? disallowedTools
        let prompts = [appendSystemPrompt, overrides.appendSystemPrompt].compactMap { $0 }.filter { !$0.isEmpty }
        settings.appendSystemPrompt = prompts.isEmpty ? nil : prompts.joined(separator: "\n\n")
        return settings
    }

    /// The appended system prompt an agent of `specialty` gets when its config sets none.
    public static func defaultSystemPrompt(for specialty: String) -> String? {
        switch specialty.lowercased() {
        case "frontend":
            "You are the frontend specialist: React with TypeScript, CSS and semantic, accessible HTML. "
                + "Keep components small and typed, follow the project's lint and formatting, and add or update component tests."
        case "backend":
            "You are the backend specialist: Python with FastAPI and SQLAlchemy. "
                + "Keep endpoints typed with Pydantic models, put database access behind the session, write migrations for schema changes, and add pytest tests."
        case "infra":
            "You are the infrastructure specialist: Docker, Kubernetes and GitHub Actions. "
                + "Keep images small and pinned, manifests declarative and validated, workflows least-privilege, and never commit secrets."
        default:
            nil
        }
    }
}
