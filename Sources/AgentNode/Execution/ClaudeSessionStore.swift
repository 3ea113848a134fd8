import Foundation

/// Where Claude Code keeps its session transcripts: `<config>/projects/<folder>/<id>.jsonl`,
/// with `<config>` from `CLAUDE_CONFIG_DIR`, else `<home>/.claude`.
struct ClaudeSessionStore: Sendable {
    /// The `projects` folder.
    var projectsDirectory: URL

    /// The store of the account that runs the runner: `environment` is the runner's, and
    /// `home` the home of the account it switches to, if it does.
    init(environment: [String: String], home: String?) {
        let config = environment["CLAUDE_CONFIG_DIR"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((home ?? environment["HOME"] ?? NSHomeDirectory()) + "/.claude")
        projectsDirectory = URL(fileURLWithPath: config).appendingPathComponent("projects")
    }

    /// Whether any project folder holds the transcript of session `id`.
    func hasSession(_ id: String) -> Bool {
        guard !id.isEmpty, !id.contains("/") else { return false }
        let folders = (try? FileManager.default.contentsOfDirectory(atPath: projectsDirectory.path)) ?? []
        return folders.contains { folder in
            FileManager.default.fileExists(
                atPath: projectsDirectory.appendingPathComponent(folder).appendingPathComponent("\(id).jsonl").path)
        }
    }
}
