extension PullRequestBody {
    /// The URL of the pull request `gh pr create` refused to open a second time: gh exits 1
    /// with `a pull request for branch "x" into branch "y" already exists:` and the URL.
    static func existingPullRequestURL(in outcome: CommandResult) -> String? {
        let text = outcome.standardError + "\n" + outcome.standardOutput
        guard text.contains("already exists") else { return nil }
        return url(in: text)
    }
}
