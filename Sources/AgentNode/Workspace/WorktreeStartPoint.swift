/// Where a task's worktree starts. Pure.
///
/// A branch that already holds work is continued, never reset: a retry on the same agent
/// finds its previous attempt's unpushed commits on the local branch, and a follow-up finds
/// its parent's branch on origin (or, when its push failed, only locally).
enum WorktreeStartPoint: Sendable, Hashable {
    /// The local branch, which holds commits no origin branch has.
    case localBranch
    /// The branch as origin has it (fetched just before).
    case originBranch
    /// A fresh start from the tip of the default branch on origin.
    case defaultBranch

    /// Chooses the start for a branch that exists locally with `localUnpushedCommits` commits
    /// origin lacks (nil when there is no local branch), and `onOrigin` when origin has it.
    static func choose(localUnpushedCommits: Int?, onOrigin: Bool) -> WorktreeStartPoint {
        if let unpushed = localUnpushedCommits, unpushed > 0 { return .localBranch }
        if onOrigin { return .originBranch }
        return .defaultBranch
    }

    /// The revision to hand to `git worktree add` for `branch` with default branch `base`.
    func revision(branch: String, base: String) -> String {
        switch self {
        case .localBranch: "refs/heads/\(branch)"
        case .originBranch: "refs/remotes/origin/\(branch)"
        case .defaultBranch: "refs/remotes/origin/\(base)"
        }
    }
}
