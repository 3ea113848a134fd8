import Foundation

/// One task's checkout: a git worktree on the task's own branch.
struct Worktree: Sendable, Hashable {
    /// `<workspace>/worktrees/<task-id>`.
    var path: URL
    /// `<agent>/<task-id>`, lower-cased.
    var branch: String
    /// The origin branch the worktree started from (the default branch), the pull request's base.
    var baseBranch: String
    /// The tip of `origin/<baseBranch>` when the worktree was made: the pull request's diff
    /// is measured from here.
    var baseCommit: String
    /// HEAD when the worktree was made: commits after it are this attempt's work. Equal to
    /// `baseCommit` unless the worktree continued a branch that already held work.
    var startCommit: String
    /// The shared clone under `<workspace>/repos/`.
    var repositoryDirectory: URL
    /// Where the clone came from.
    var repository: RepositoryLocation
}
