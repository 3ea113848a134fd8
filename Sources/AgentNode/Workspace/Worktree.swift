import Foundation

/// One task's checkout: a git worktree on the task's own branch.
public struct Worktree: Sendable, Hashable {
    /// `<workspace>/worktrees/<task-id>`.
    public var path: URL
    /// `<agent>/<task-id>`, lower-cased.
    public var branch: String
    /// The origin branch the worktree started from (the default branch), the pull request's base.
    public var baseBranch: String
    /// The shared clone under `<workspace>/repos/`.
    public var repositoryDirectory: URL
    /// Where the clone came from.
    public var repository: RepositoryLocation
}
