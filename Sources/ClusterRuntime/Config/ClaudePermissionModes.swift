/// The `--permission-mode` values Claude Code accepts.
///
/// From `claude --help` of CLI 2.1.332 (acceptEdits, auto, bypassPermissions, manual,
/// dontAsk, plan), plus `default`, which the CLI still accepts as its ask-first mode.
public enum ClaudePermissionModes {
    /// Every accepted mode, as written on the command line.
    public static let valid = ["acceptEdits", "auto", "bypassPermissions", "default", "dontAsk", "manual", "plan"]
}
