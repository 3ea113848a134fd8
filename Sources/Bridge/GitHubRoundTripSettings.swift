import Foundation

/// How the bridge answers on GitHub: tracking comments, follow-ups on the cluster's pull
/// requests, fixes for failed checks and `@claude retry`.
///
/// Every part can be turned off on its own. Posting on GitHub (comments, reactions, check
/// logs) needs `token`; follow-ups and retries only need the cluster, so they work without
/// one. The token is never logged.
public struct GitHubRoundTripSettings: Sendable, Hashable {
    /// A token with issues and pull requests: write, checks and actions: read; nil posts nothing.
    var token: String?
    /// The REST API's base URL: `https://api.github.com`, or GitHub Enterprise's `https://HOST/api/v3`.
    var apiURL: String
    /// Where people reach the bridge (`bridge.public_url`); tracking comments link to the task there.
    var publicURL: String?
    /// One comment per task on its issue or pull request, edited as the task goes.
    var trackingComments: Bool
    /// An 👀 reaction on the comment (or issue) that started a task.
    var reactions: Bool
    /// `@claude` on a pull request the cluster opened continues its branch and pull request.
    var followUps: Bool
    /// A failed check on a cluster branch starts a follow-up that fixes it.
    var fixFailedChecks: Bool
    /// At most this many check-fixing follow-ups per branch; then a comment says it stopped.
    var maxFixRounds: Int
    /// `@claude retry` on an issue whose task failed runs that task again.
    var retryCommand: Bool
    /// The shortest time between two progress edits of one tracking comment.
    var editInterval: Duration
    /// At most this many progress edits per tracking comment (state changes and the final edit come on top).
    var maxProgressEdits: Int
    /// How often a tracker re-reads its task (events can be missed while it subscribes).
    var pollInterval: Duration
    /// Lines of a failed check's log put in the follow-up's prompt.
    var logTailLines: Int
    /// The deadline of each GitHub API call.
    var requestTimeout: Duration
    /// How many recent tasks are searched for the one that made a pull request.
    var taskSearchLimit: Int

    /// Creates settings; by default every part is on, and nothing is posted without a token.
    public init(
        token: String? = nil,
        apiURL: String = "https://api.github.com",
        publicURL: String? = nil,
        trackingComments: Bool = true,
        reactions: Bool = true,
        followUps: Bool = true,
        fixFailedChecks: Bool = true,
        maxFixRounds: Int = 2,
        retryCommand: Bool = true,
        editInterval: Duration = .seconds(10),
        maxProgressEdits: Int = 10,
        pollInterval: Duration = .seconds(5),
        logTailLines: Int = 80,
        requestTimeout: Duration = .seconds(10),
        taskSearchLimit: Int = 2_000
    ) {
        self.token = token
        self.apiURL = apiURL
        self.publicURL = publicURL
        self.trackingComments = trackingComments
        self.reactions = reactions
        self.followUps = followUps
        self.fixFailedChecks = fixFailedChecks
        self.maxFixRounds = maxFixRounds
        self.retryCommand = retryCommand
        self.editInterval = editInterval
        self.maxProgressEdits = maxProgressEdits
        self.pollInterval = pollInterval
        self.logTailLines = logTailLines
        self.requestTimeout = requestTimeout
        self.taskSearchLimit = taskSearchLimit
    }

    /// The token with an empty string treated as absent (an unset `${GITHUB_TOKEN:-}`).
    var effectiveToken: String? { token.flatMap { $0.isEmpty ? nil : $0 } }

    /// True when anything is posted on GitHub.
    var posts: Bool { effectiveToken != nil && (trackingComments || reactions || fixFailedChecks) }

    /// The link to a task for people, when the bridge's public URL is known.
    func taskLink(_ taskID: String) -> String? {
        guard var base = publicURL.flatMap({ $0.isEmpty ? nil : $0 }) else { return nil }
        while base.hasSuffix("/") { base.removeLast() }
        return "\(base)/ui#\(taskID)"
    }
}
