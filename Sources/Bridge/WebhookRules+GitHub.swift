import Foundation
import Wire

extension WebhookRules {
    /// GitHub events whose deliveries may start work; they are never forwarded as broadcasts.
    static let taskEvents: Set<String> = ["issues", "issue_comment", "pull_request_review_comment", "pull_request_review"]

    /// Turns one GitHub delivery into a decision. Pure: same input, same answer.
    ///
    /// Work starts only when the text that would become the prompt comes from a trusted
    /// author (its `author_association`, or an allow-listed login): agents run with
    /// permissions skipped, so a stranger's words must never reach them.
    func decide(event: String, delivery: String?, payload: GitHubPayload, now: Date) -> WebhookDecision {
        if event == "ping" { return .pong(zen: payload.zen) }
        guard Self.taskEvents.contains(event) else {
            guard forwardOtherEvents else { return .ignore("\(event) events are not forwarded (forward_other_events is off)") }
            return .broadcast(githubBroadcast(event: event, delivery: delivery, payload: payload, now: now))
        }
        let trigger: GitHubTrigger
        switch triggerFor(event: event, payload: payload) {
        case .success(let found): trigger = found
        case .failure(let reason): return .ignore(reason.text)
        }
        if let sender = payload.sender, sender.isBot, !isTrustedLogin(sender.login) {
            return .ignore("sender \(sender.login ?? "?") is a bot and not on the trusted list")
        }
        guard isTrusted(association: trigger.authorAssociation, author: trigger.author, sender: payload.sender?.login) else {
            return .ignore(
                "\(trigger.author ?? "the author") (author_association \(trigger.authorAssociation ?? "NONE")) is not trusted to start work: "
                    + "only \(trustedAssociations.sorted().joined(separator: ", ")) or allow-listed logins")
        }
        return .submit(taskSpec(for: trigger, event: event, delivery: delivery, payload: payload))
    }

    /// Why an event of a task family starts no work.
    struct NoTrigger: Error, Hashable {
        var text: String
    }

    /// Finds what in the delivery would start work, or why nothing does.
    private func triggerFor(event: String, payload: GitHubPayload) -> Result<GitHubTrigger, NoTrigger> {
        let action = payload.action ?? ""
        switch (event, action) {
        case ("issues", "labeled"):
            guard taskOnRoutingLabel else { return .failure(NoTrigger(text: "routing labels start no work (task_on_routing_label is off)")) }
            guard let issue = payload.issue else { return .failure(NoTrigger(text: "issues delivery without an issue")) }
            guard let label = payload.label?.name, let target = route(forLabel: label) else {
                return .failure(NoTrigger(text: "label \(payload.label?.name ?? "?") is not a routing label"))
            }
            return .success(GitHubTrigger(item: issue, isPullRequest: issue.pullRequest != nil, target: target, comment: nil))
        case ("issues", "opened"):
            guard taskOnIssueOpened else { return .failure(NoTrigger(text: "opened issues start no work (task_on_issue_opened is off)")) }
            guard let issue = payload.issue else { return .failure(NoTrigger(text: "issues delivery without an issue")) }
            guard containsTrigger((issue.title ?? "") + "\n" + (issue.body ?? "")) else {
                return .failure(NoTrigger(text: "the issue does not mention \(triggerPhrase)"))
            }
            return .success(GitHubTrigger(item: issue, isPullRequest: false, target: nil, comment: nil))
        case ("issue_comment", "created"), ("pull_request_review_comment", "created"):
            guard taskOnComment else { return .failure(NoTrigger(text: "comments start no work (task_on_comment is off)")) }
            guard let comment = payload.comment, let item = payload.issue ?? payload.pullRequest else {
                return .failure(NoTrigger(text: "\(event) delivery without a comment and its issue or pull request"))
            }
            guard containsTrigger(comment.body ?? "") else {
                return .failure(NoTrigger(text: "the comment does not mention \(triggerPhrase)"))
            }
            let isPullRequest = payload.pullRequest != nil || item.pullRequest != nil
            return .success(GitHubTrigger(item: item, isPullRequest: isPullRequest, target: nil, comment: comment))
        case ("pull_request_review", "submitted"):
            guard taskOnComment else { return .failure(NoTrigger(text: "comments start no work (task_on_comment is off)")) }
            guard let review = payload.review, let pullRequest = payload.pullRequest else {
                return .failure(NoTrigger(text: "pull_request_review delivery without a review and its pull request"))
            }
            guard containsTrigger(review.body ?? "") else {
                return .failure(NoTrigger(text: "the review does not mention \(triggerPhrase)"))
            }
            return .success(GitHubTrigger(item: pullRequest, isPullRequest: true, target: nil, comment: review))
        default:
            return .failure(NoTrigger(text: "\(event) action \(action.isEmpty ? "(none)" : action) starts no work"))
        }
    }

    /// Trusted association of the prompt's author, or an allow-listed author or sender.
    private func isTrusted(association: String?, author: String?, sender: String?) -> Bool {
        if let association, trustedAssociations.contains(association.uppercased()) { return true }
        return isTrustedLogin(author) || isTrustedLogin(sender)
    }

    /// The task for a trusted trigger.
    private func taskSpec(for trigger: GitHubTrigger, event: String, delivery: String?, payload: GitHubPayload) -> TaskSpec {
        let item = trigger.item
        let labels = (item.labels ?? []).map(\.name)
        let number = item.number.map(String.init)
        let noun = trigger.isPullRequest ? "pull request" : "issue"
        let title = item.title.map { $0.isEmpty ? nil : $0 } ?? nil
        var metadata: [String: String] = ["github.event": event, "github.kind": trigger.isPullRequest ? "pull_request" : "issue"]
        metadata["github.number"] = number
        metadata["github.delivery"] = delivery
        metadata["github.action"] = payload.action
        metadata["github.repository"] = payload.repository?.fullName
        metadata["github.sender"] = payload.sender?.login
        metadata["github.author"] = trigger.author
        return TaskSpec(
            title: title ?? "GitHub \(noun) #\(number ?? "?")",
            description: GitHubPrompt.text(trigger: trigger, noun: noun, repository: payload.repository?.fullName),
            type: trigger.isPullRequest ? "github_pull_request" : taskType,
            labels: labels,
            target: trigger.target ?? route(forLabels: labels),
            repository: payload.repository?.cloneURL ?? payload.repository?.fullName,
            issueURL: trigger.comment?.htmlURL ?? item.htmlURL,
            source: .github,
            idempotencyKey: delivery.map { "github:\($0)" },
            metadata: metadata)
    }

    /// The broadcast that carries a non-task GitHub event to every agent's on-github-event hook.
    ///
    /// `Broadcast` has no field for an event kind, so the message is a small JSON summary
    /// with a `github_event` member and `from` is `github`.
    private func githubBroadcast(event: String, delivery: String?, payload: GitHubPayload, now: Date) -> Broadcast {
        let item = payload.pullRequest ?? payload.issue
        let summary = GitHubEventSummary(
            githubEvent: event, action: payload.action, delivery: delivery,
            repository: payload.repository?.fullName, sender: payload.sender?.login,
            number: item?.number, title: item?.title, url: item?.htmlURL ?? payload.repository?.htmlURL)
        let message = String(decoding: JSONWire.encodeBytes(summary), as: UTF8.self)
        return Broadcast(message: message, from: "github", target: .all, sentAt: now)
    }
}

/// What started work in a GitHub delivery: the issue or pull request, and the comment if any.
struct GitHubTrigger: Sendable, Hashable {
    var item: GitHubPayload.Issue
    var isPullRequest: Bool
    /// The route of the label that was just added, when a label triggered.
    var target: String?
    var comment: GitHubPayload.Comment?

    /// The association of whoever wrote the text that starts work.
    var authorAssociation: String? { comment?.authorAssociation ?? item.authorAssociation }
    /// The login of whoever wrote the text that starts work.
    var author: String? { comment?.user?.login ?? item.user?.login }
}

/// The JSON message of a forwarded GitHub event.
struct GitHubEventSummary: Codable, Sendable, Hashable {
    var githubEvent: String
    var action: String?
    var delivery: String?
    var repository: String?
    var sender: String?
    var number: Int?
    var title: String?
    var url: String?

    enum CodingKeys: String, CodingKey {
        case githubEvent = "github_event"
        case action, delivery, repository, sender, number, title, url
    }
}
