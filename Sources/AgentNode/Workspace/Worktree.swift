import Foundation

/// One task's checkout: a git worktree on the task's own branch.
public struct Worktree: Sendable, Hashable {
    /// `<workspace>/worktrees/<task-id>`.
    public var path: URL
    /// `<agent>/<task-id>`, lower-cased.
    public var branch: String
    /// The origin branch the worktree started from (the default branch), the pull request's base.
    public var baseBranch: String
    /// The tip of `origin/<baseBranch>` when the worktree was made: the pull request's diff
    /// is measured from here.
    public var baseCommit: String
    /// HEAD when the worktree was made: commits after it are this attempt's work. Equal to
    /// `baseCommit` unless the worktree continued a branch that already held work.
    public var startCommit: String
    /// The shared clone under `<workspace>/repos/`.
    public var repositoryDirectory: URL
    /// Where the clone came from.
    public var repository: RepositoryLocation
}
