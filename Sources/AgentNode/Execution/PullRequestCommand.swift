/// The command that opens a pull request, with `{placeholder}`s. Default: `gh pr create`.
///
/// Placeholders: `{title}`, `{body}`, `{branch}`, `{base}`, `{task_id}`, `{agent}`,
/// `{repository}`. The command runs in the task's worktree; its standard output's last
/// URL-looking line is taken as the pull request's URL.
public enum PullRequestCommand {
    /// `gh pr create --title {title} --body {body} --head {branch} --base {base}`.
    public static let defaultTemplate = [
        "gh", "pr", "create", "--title", "{title}", "--body", "{body}", "--head", "{branch}", "--base", "{base}",
    ]
}
