import Wire

/// Where an attempt works and whether it resumes an earlier runner session. Pure.
///
/// Claude Code keys its sessions by working directory, so a session resumes only in a
/// worktree at the path it was made in: `worktrees/<fromTask>` on the agent that ran it.
/// A retry on the same agent therefore reuses its task's folder, and a follow-up works in
/// its parent's folder name; anything else starts a fresh session in the task's own folder.
struct WorkPlacement: Sendable, Hashable {
    /// The folder under `<workspace>/worktrees/`.
    var directoryName: String
    /// The branch to work on: the continued one, else the task's own.
    var branch: String
    /// The session to pass to `--resume`, or nil for a fresh one.
    var resumeSessionID: String?

    /// Decides for one assignment.
    ///
    /// - Parameters:
    ///   - naming: the task's own names on this agent.
    ///   - agent: this agent's name.
    ///   - folderInUse: whether another running task holds a worktree folder.
    ///   - sessionExists: whether the runner still has a session's transcript.
    static func decide(
        continuation: TaskContinuation?, naming: TaskNaming, agent: String,
        folderInUse: (String) -> Bool, sessionExists: (String) -> Bool
    ) -> WorkPlacement {
        let continued = continuation?.branch.map(WhiteSpace.trimmed).flatMap { $0.isEmpty ? nil : $0 }
        let branch = continued ?? naming.branch
        let fresh = WorkPlacement(directoryName: naming.directoryName, branch: branch, resumeSessionID: nil)
        guard let continuation, let session = continuation.sessionID, !session.isEmpty,
              continuation.agent?.lowercased() == agent.lowercased(), sessionExists(session)
        else { return fresh }
        let folder = TaskNaming.pathComponent(continuation.fromTask)
        guard folder == naming.directoryName || !folderInUse(folder) else { return fresh }
        return WorkPlacement(directoryName: folder, branch: branch, resumeSessionID: session)
    }
}
