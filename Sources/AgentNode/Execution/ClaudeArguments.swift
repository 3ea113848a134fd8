/// Builds the Claude Code flags of one attempt, in one place. Pure.
///
/// The prompt is never among them: it goes to Claude Code on standard input, because one
/// argument of 128 KiB or more fails with E2BIG before the CLI starts, and because
/// `--allowedTools` and `--disallowedTools` take several values and would swallow a prompt
/// placed after them. Each of those lists is passed as one comma-separated value for the
/// same reason.
enum ClaudeArguments {
    /// The flags for `settings`, `--resume ID` when a session is to be continued, and
    /// `--mcp-config PATH` with the cluster's tools allowed when the attempt gets them.
    static func flags(_ settings: ClaudeSettings, resumeSessionID: String? = nil, clusterToolsConfig: String? = nil) -> [String] {
        var flags: [String] = []
        if let model = nonEmpty(settings.model) { flags += ["--model", model] }
        if let fallback = nonEmpty(settings.fallbackModel) { flags += ["--fallback-model", fallback] }
        if let turns = settings.maxTurns, turns > 0 { flags += ["--max-turns", String(turns)] }
        if let budget = settings.maxBudgetUSD, budget > 0, budget.isFinite {
            flags += ["--max-budget-usd", String(budget)]
        }
        var allowed = settings.allowedTools.compactMap(nonEmpty)
        if nonEmpty(clusterToolsConfig) != nil, !allowed.contains(ClusterToolsServer.allowedTools) {
            allowed.append(ClusterToolsServer.allowedTools)
        }
        if !allowed.isEmpty { flags += ["--allowedTools", allowed.joined(separator: ",")] }
        let disallowed = settings.disallowedTools.compactMap(nonEmpty)
        if !disallowed.isEmpty { flags += ["--disallowedTools", disallowed.joined(separator: ",")] }
        if let prompt = nonEmpty(settings.appendSystemPrompt) { flags += ["--append-system-prompt", prompt] }
        if let session = nonEmpty(resumeSessionID) { flags += ["--resume", session] }
        if let config = nonEmpty(clusterToolsConfig) { flags += ["--mcp-config", config] }
        return flags
    }

    private static func nonEmpty(_ value: String?) -> String? {
        guard let value else { return nil }
        let trimmed = value.trimmingWhitespace()
        return trimmed.isEmpty ? nil : trimmed
    }
}
