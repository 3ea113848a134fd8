/// What a task's branch holds after a run, measured against where its worktree started and
/// against origin. Pure: the git queries that fill it are in `GitCommand+BranchWork.swift`.
///
/// Work is a branch, not a clean tree: commits Claude made itself count as changes, and a
/// branch holding commits no origin branch has must never be deleted.
struct BranchWork: Sendable, Hashable {
    /// Commits on HEAD that were not there when the worktree was created.
    var newCommits: Int
    /// Whether the worktree has changes nobody committed (tracked or untracked files).
    var uncommitted: Bool
    /// Commits on HEAD that no branch on origin holds (as of the last fetch or push).
    var unpushedCommits: Int

    /// Whether this attempt changed anything: its own commits or an uncommitted remainder.
    var changedFiles: Bool { newCommits > 0 || uncommitted }

    /// Whether there is anything to commit, push or open a pull request for; also true when
    /// the attempt changed nothing but continued a branch whose commits never reached origin.
    var hasWorkToPublish: Bool { changedFiles || unpushedCommits > 0 }

    /// Whether deleting the branch now would lose commits.
    var branchMustBeKept: Bool { unpushedCommits > 0 }
}
