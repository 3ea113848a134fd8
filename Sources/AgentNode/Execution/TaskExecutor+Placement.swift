import Foundation
import Wire

extension TaskExecutor {
    /// Chooses where an attempt works (see `WorkPlacement`) and takes that worktree folder.
    func place(_ assignment: TaskAssignment, naming: TaskNaming) async -> WorkPlacement {
        let store = ClaudeSessionStore(
            environment: settings.environment.merging(settings.claudeEnvironment) { _, claude in claude }, home: runnerIdentity?.home)
        let continuation = assignment.continuation
        let agent = settings.name
        return await workspace.claimPlacement { inUse in
            WorkPlacement.decide(
                continuation: continuation, naming: naming, agent: agent,
                folderInUse: { inUse.contains($0) }, sessionExists: store.hasSession)
        }
    }
}
