import Wire

/// Whether a failed check on a cluster branch gets another fixing follow-up. Pure.
///
/// Rounds are counted from the journal (tasks with `github.fix_branch`), so the limit holds
/// across bridge restarts; one commit gets one round however many checks failed on it.
enum FixRounds {
    /// Metadata keys of a fixing follow-up.
    static let branchKey = "github.fix_branch"
    static let commitKey = "github.fix_commit"
    static let roundKey = "github.fix_round"

    enum Decision: Sendable, Hashable {
        /// Start round `round` (1-based).
        case fix(round: Int)
        /// This commit already has its fixing task.
        case alreadyFixing(taskID: String)
        /// Every round is used: say so (once) and stop.
        case stop(rounds: Int)
    }

    /// `fixes`: the fixing tasks already made for the branch, any order.
    static func decide(fixes: [TaskRecord], headSHA: String, maxRounds: Int) -> Decision {
        if !headSHA.isEmpty, let same = fixes.first(where: { $0.spec.metadata[commitKey] == headSHA }) {
            return .alreadyFixing(taskID: same.id)
        }
        guard fixes.count < maxRounds else { return .stop(rounds: fixes.count) }
        return .fix(round: fixes.count + 1)
    }

    /// The hidden first line of the comment that says the rounds are used up (posted once).
    static func stopMarker(branch: String) -> String { "<!-- claude-code-cluster:fix-rounds-used:\(branch) -->" }

    static func stopComment(branch: String, rounds: Int, check: String) -> String {
        """
        \(stopMarker(branch: branch))
        🛑 `\(check)` failed again on `\(branch)`. The cluster made \(rounds) attempt\(rounds == 1 ? "" : "s") to fix failed checks on this \
        pull request (`github.max_fix_rounds`), so it stops here and leaves the rest to a person.
        """
    }
}
