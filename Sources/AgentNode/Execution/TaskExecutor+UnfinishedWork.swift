import Foundation
import Wire

extension TaskExecutor {
    /// After a run that did not succeed, commits what it left uncommitted on the task's
    /// local branch, so removing the worktree loses nothing: the next attempt on this agent
    /// continues the branch. Never pushes. Returns whether the branch holds work to keep.
    func keepUnfinishedWork(
        _ result: TaskResult, assignment: TaskAssignment, worktree: Worktree, channel: ProgressChannel
    ) async -> Bool {
        let git = workspaceGit
        let name = settings.gitUserName, email = settings.gitUserEmail
        let message = CommitMessage.text(
            title: "Unfinished: \(assignment.spec.title)",
            description: "Attempt \(assignment.attempt) ended \(result.outcome.rawValue); these are the changes it left.",
            agent: settings.name, taskID: assignment.taskID)
        // Not cancelled with the attempt: this is what keeps the attempt's work.
        let sha: String? = await Task {
            guard let work = try? await git.branchWork(in: worktree.path, startCommit: worktree.startCommit),
                  work.uncommitted
            else { return nil }
            guard (try? await git.run(["add", "-A"], in: worktree.path, step: "commit")) != nil,
                  (try? await git.run(
                      ["-c", "user.name=\(name)", "-c", "user.email=\(email)", "commit", "--quiet", "--no-verify",
                       "-m", message],
                      in: worktree.path, step: "commit")) != nil
            else { return nil }
            return try? await git.run(["rev-parse", "--short", "HEAD"], in: worktree.path, step: "commit").trimmingWhitespace()
        }.value
        if let sha {
            await channel.step("kept the unfinished changes as \(sha) on local branch \(worktree.branch)")
        }
        let unpushed = await Task { try? await git.unpushedCommits(of: "HEAD", in: worktree.path) }.value
        return (unpushed ?? 1) > 0
    }
}
