import Foundation

/// Whether Claude Code on this agent has credentials, checked when the agent starts. Pure.
///
/// Logged in means one of: `ANTHROPIC_API_KEY`, `CLAUDE_CODE_OAUTH_TOKEN` (from
/// `claude setup-token`) or `ANTHROPIC_AUTH_TOKEN` set for the runner, or a
/// `.credentials.json` in its config folder (what `claude` then `/login` writes). The check
/// cannot tell whether a key is still valid; a run with a bad one ends as `not_logged_in`.
enum ClaudeLogin {
    /// The variables that carry a credential.
    static let credentialVariables = ["ANTHROPIC_API_KEY", "CLAUDE_CODE_OAUTH_TOKEN", "ANTHROPIC_AUTH_TOKEN"]

    /// Nil when Claude Code has credentials; else one sentence saying how to log it in.
    ///
    /// - Parameters:
    ///   - environment: the runner's environment (the agent's own, with its settings on top).
    ///   - configDirectory: the runner's `CLAUDE_CONFIG_DIR`, or `~/.claude` of its account.
    ///   - fileExists: looks a path up (injected for tests).
    static func problem(
        agent: String, environment: [String: String], configDirectory: URL, fileExists: (String) -> Bool
    ) -> String? {
        for name in credentialVariables {
            if let value = environment[name], !value.trimmingWhitespace().isEmpty { return nil }
        }
        let credentials = configDirectory.appendingPathComponent(".credentials.json").path
        if fileExists(credentials) { return nil }
        return "Claude Code is not logged in for agent \(agent): no ANTHROPIC_API_KEY or CLAUDE_CODE_OAUTH_TOKEN in its "
            + "environment and no \(credentials); run `claude setup-token` and set CLAUDE_CODE_OAUTH_TOKEN, "
            + "or set ANTHROPIC_API_KEY, or log in with CLAUDE_CONFIG_DIR=\(configDirectory.path) claude"
    }
}
