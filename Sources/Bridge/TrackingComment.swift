import Foundation
import Wire

/// Decides when one task's tracking comment is created and edited. Pure: it never calls
/// GitHub; each input returns the actions a shell (`TaskTracker`) carries out, and the
/// shell feeds the outcome of a creation back as `created(commentID:)`.
///
/// The comment is created once, when the task is accepted. A change of state (running,
/// retrying) edits it at once; progress edits it at most once per `editInterval` and at
/// most `maxProgressEdits` times, so a chatty run cannot cause an edit storm; and the end
/// of the task always edits it, with the pull request or the failure.
struct TrackingComment: Sendable {
    /// What the shell must do.
    enum Action: Sendable, Hashable {
        /// Post the comment with this text (or adopt one already posted for the task).
        case create(body: String)
        /// Replace the comment's text.
        case edit(commentID: Int, body: String)
        /// Add the 👀 reaction to what started the task.
        case react
        /// Nothing more will happen: stop following the task.
        case finish
    }

    private(set) var view: TrackingCommentView
    let editInterval: TimeInterval
    let maxProgressEdits: Int
    private(set) var commentID: Int?
    private var creating = false
    private var postedBody: String?
    private var lastEditAt: Date?
    private(set) var progressEdits = 0
    private(set) var isFinished = false

    init(view: TrackingCommentView, editInterval: Duration, maxProgressEdits: Int) {
        self.view = view
        let (seconds, attoseconds) = editInterval.components
        self.editInterval = Double(seconds) + Double(attoseconds) / 1e18
        self.maxProgressEdits = maxProgressEdits
    }

    /// The task was accepted: create the comment and react to the request.
    mutating func start(reacting: Bool) -> [Action] {
        guard !isFinished, !creating, commentID == nil else { return [] }
        creating = true
        let body = TrackingCommentText.body(view)
        postedBody = body
        return (reacting ? [.react] : []) + [.create(body: body)]
    }

    /// The comment exists, saying `body` (what was just posted, or what a comment found
    /// from before says): bring it up to date.
    mutating func created(commentID: Int, body: String?, now: Date) -> [Action] {
        creating = false
        self.commentID = commentID
        postedBody = body
        lastEditAt = now
        return catchUp(now: now)
    }

    /// The comment could not be posted: nothing more to edit.
    mutating func creationFailed() -> [Action] {
        creating = false
        isFinished = true
        return [.finish]
    }

    /// An edit was refused for good (the token lost its permission): stop editing.
    mutating func editRefused() -> [Action] {
        isFinished = true
        return [.finish]
    }

    /// The task's record as the broker reports it now.
    mutating func observed(_ record: TaskRecord, now: Date) -> [Action] {
        guard !isFinished else { return [] }
        let before = view.stage
        view.record = record
        guard commentID != nil else { return [] }
        if view.stage.isFinal { return catchUp(now: now) }
        return view.stage != before ? edit(now: now) : []
    }

    /// A line of progress from the running task.
    mutating func progressed(_ update: ProgressUpdate, now: Date) -> [Action] {
        guard !isFinished, view.note(update) else { return [] }
        return progressEdit(now: now)
    }

    /// Time passed: a progress edit held back by the interval may go out now.
    mutating func tick(now: Date) -> [Action] {
        guard !isFinished else { return [] }
        return progressEdit(now: now)
    }

    private mutating func progressEdit(now: Date) -> [Action] {
        guard let lastEditAt, commentID != nil, progressEdits < maxProgressEdits,
              now.timeIntervalSince(lastEditAt) >= editInterval,
              TrackingCommentText.body(view) != postedBody
        else { return [] }
        progressEdits += 1
        return edit(now: now)
    }

    /// After creation, and at the end: post what changed, and finish once the task ended.
    private mutating func catchUp(now: Date) -> [Action] {
        var actions = TrackingCommentText.body(view) != postedBody ? edit(now: now) : []
        if view.stage.isFinal {
            isFinished = true
            actions.append(.finish)
        }
        return actions
    }

    private mutating func edit(now: Date) -> [Action] {
        guard let commentID else { return [] }
        let body = TrackingCommentText.body(view)
        guard body != postedBody else { return [] }
        postedBody = body
        lastEditAt = now
        return [.edit(commentID: commentID, body: body)]
    }
}
