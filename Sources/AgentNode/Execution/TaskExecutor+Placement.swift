import Foundation
import Wire

extension TaskExecutor {
    /// Chooses where an attempt works (see `WorkPlacement`) and takes that worktree folder.
    func place(_ assignment: TaskAssignment, naming: TaskNaming) async -> WorkPlacement {
        let store = ClaudeSessionStore(environment: settings.environment, home: runnerIdentity?.home)
        let continuation = assignment.continuation
        let agent = settings.name
        return await workspace.claimPlacement { inUse in
            WorkPlacement.decide(
                continuation: continuation, naming: naming, agent: agent,
                folderInUse: { inUse.contains($0) }, sessionExists: store.hasSession)
        }
    }

    /// `--resume <id>` when the runner is Claude Code and there is a session to resume.
    func resumeArguments(_ sessionID: String?) -> [String] {
        guard let sessionID, URL(fileURLWithPath: settings.runner.executable).lastPathComponent == "claude" else { return [] }
        return ["--resume", sessionID]
    }
}
