/// What went wrong preparing, using or cleaning a git workspace.
enum WorkspaceError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The agent has no repository configured and the task named none.
    case noRepository
    /// A git step failed; `detail` names the command, how it ended and its stderr tail.
    case gitFailed(step: String, detail: String)
    /// The origin has no commit on its default branch to start a worktree from.
    case emptyRepository(source: String, branch: String)
    /// A folder of the workspace could not be created or cleaned.
    case fileSystem(path: String, reason: String)

    /// The step that failed (`clone`, `fetch`, `worktree`, `commit`, `push`, ...).
    var step: String {
        switch self {
        case .noRepository: "repository"
        case .gitFailed(let step, _): step
        case .emptyRepository: "worktree"
        case .fileSystem: "workspace"
        }
    }

    var description: String {
        switch self {
        case .noRepository:
            "no repository: set `repository` in the agent's config (a local path or a clone URL) or give the task one"
        case .gitFailed(let step, let detail):
            "git \(step) failed: \(detail)"
        case .emptyRepository(let source, let branch):
            "\(source) has no commit on its default branch `\(branch)`; push an initial commit there first"
        case .fileSystem(let path, let reason):
            "cannot prepare \(path): \(reason)"
        }
    }
}
