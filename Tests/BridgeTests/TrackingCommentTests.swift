@testable import Bridge
import Foundation
import Testing
import Wire

/// `TrackingComment` stepped by hand: every input, the actions it returns, no GitHub.
@Suite("Tracking comment")
struct TrackingCommentTests {
    let t0 = Date(timeIntervalSince1970: 1_750_000_000)

    func task(_ state: TaskState, agent: String? = "CC01", result: TaskResult? = nil, error: String? = nil) -> TaskRecord {
        var record = TaskRecord(
            id: "T-1", spec: TaskSpec(title: "Fix login", description: "d", source: .github), state: state,
            agent: agent, specialty: "frontend", createdAt: t0, updatedAt: t0)
        record.result = result
        record.error = error
        if state == .running || state.isTerminal { record.startedAt = t0 }
        if state.isTerminal { record.finishedAt = t0.addingTimeInterval(72) }
        return record
    }

    func progress(_ sequence: Int, _ message: String, kind: ProgressUpdate.Kind = .step) -> ProgressUpdate {
        ProgressUpdate(taskID: "T-1", attempt: 1, sequence: sequence, kind: kind, message: message, at: t0)
    }

    func machine(interval: Duration = .seconds(10), maxEdits: Int = 3) -> TrackingComment {
        TrackingComment(
            view: TrackingCommentView(record: task(.queued, agent: nil), link: "https://cluster.example/ui#T-1", retryPhrase: "@claude"),
            editInterval: interval, maxProgressEdits: maxEdits)
    }

    func body(_ actions: [TrackingComment.Action]) -> String? {
        for action in actions {
            if case .create(let body) = action { return body }
            if case .edit(_, let body) = action { return body }
        }
        return nil
    }

    @Test func acceptedCreatesOneCommentAndReacts() throws {
        var comment = machine()
        let actions = comment.start(reacting: true)
        #expect(actions.first == .react)
        let text = try #require(body(actions))
        #expect(text.hasPrefix("<!-- claude-code-cluster:task:T-1 -->\n"))
        #expect(text.contains("Queued for a frontend agent"))
        #expect(text.contains("Task `T-1`"))
        #expect(text.contains("[follow it on the bridge](https://cluster.example/ui#T-1)"))
        #expect(comment.start(reacting: true).isEmpty, "a second start posts nothing")
        #expect(comment.created(commentID: 7, body: text, now: t0).isEmpty, "nothing changed while it was posted")
    }

    @Test func startEditsAtOnceProgressIsBoundedAndTheEndAlwaysEdits() throws {
        var comment = machine(interval: .seconds(10), maxEdits: 2)
        _ = comment.start(reacting: false)
        _ = comment.created(commentID: 7, body: nil, now: t0)
        let running = comment.observed(task(.running), now: t0.addingTimeInterval(1))
        #expect(body(running)?.contains("🔄 CC01 (frontend) is working on it.") == true)
        if case .edit(let id, _) = running.first { #expect(id == 7) } else { Issue.record("expected an edit: \(running)") }

        // Within the interval progress is held back; the tick after it posts it.
        #expect(comment.progressed(progress(1, "created worktree"), now: t0.addingTimeInterval(2)).isEmpty)
        #expect(comment.progressed(progress(2, "thinking", kind: .text), now: t0.addingTimeInterval(3)).isEmpty, "text lines are not shown")
        #expect(comment.tick(now: t0.addingTimeInterval(5)).isEmpty)
        let first = comment.tick(now: t0.addingTimeInterval(11))
        #expect(body(first)?.contains("- created worktree") == true)
        #expect(comment.tick(now: t0.addingTimeInterval(30)).isEmpty, "nothing new to say")

        // A storm of progress: at most maxProgressEdits edits in all.
        var edits = 0
        for second in 0..<200 {
            edits += comment.progressed(progress(10 + second, "step \(second)"), now: t0.addingTimeInterval(31 + Double(second))).count
        }
        #expect(edits == 1, "two progress edits in all, one was used already")
        #expect(comment.progressEdits == 2)

        // The end edits whatever the budget, with the pull request, time and cost.
        var done = task(.succeeded, result: TaskResult(outcome: .succeeded, summary: "Fixed the button.", pullRequestURL: "https://github.com/o/r/pull/2"))
        done.totalCostUSD = 0.4251
        let final = comment.observed(done, now: t0.addingTimeInterval(300))
        let text = try #require(body(final))
        #expect(text.contains("✅ CC01 (frontend) finished in 1m 12s for $0.43."))
        #expect(text.contains("Pull request: https://github.com/o/r/pull/2"))
        #expect(text.contains("> Fixed the button."))
        #expect(final.last == .finish)
        #expect(comment.isFinished)
        #expect(comment.observed(done, now: t0.addingTimeInterval(301)).isEmpty)
    }

    @Test func anEndSeenWhileTheCommentIsBeingPostedIsPostedRightAfter() throws {
        var comment = machine()
        _ = comment.start(reacting: false)
        #expect(comment.observed(task(.failed, error: "claude exited 1: not logged in"), now: t0).isEmpty, "no id yet")
        let actions = comment.created(commentID: 9, body: nil, now: t0)
        let text = try #require(body(actions))
        #expect(text.contains("❌ The task failed in 1m 12s."))
        #expect(text.contains("Reason: claude exited 1: not logged in"))
        #expect(text.contains("Comment `@claude retry` on the issue to run it again."))
        #expect(actions.last == .finish)
    }

    @Test func retryingEditsAndRefusalsStopTheComment() {
        var comment = machine()
        _ = comment.start(reacting: false)
        _ = comment.created(commentID: 9, body: nil, now: t0)
        var retrying = task(.retrying, error: "the runner timed out")
        retrying.attempts = 2
        retrying.maxAttempts = 3
        let actions = comment.observed(retrying, now: t0)
        #expect(body(actions)?.contains("🔁 An attempt failed (the runner timed out)") == true)
        #expect(body(actions)?.contains("attempt 2 of 3") == true)
        #expect(comment.editRefused() == [.finish])
        #expect(comment.observed(task(.running), now: t0).isEmpty)
        var other = machine()
        _ = other.start(reacting: false)
        #expect(other.creationFailed() == [.finish])
        #expect(other.isFinished)
    }

    @Test func progressOfAnotherTaskIsIgnored() {
        var comment = machine(interval: .zero)
        _ = comment.start(reacting: false)
        _ = comment.created(commentID: 1, body: nil, now: t0)
        let foreign = ProgressUpdate(taskID: "T-2", attempt: 1, sequence: 1, kind: .step, message: "x", at: t0)
        #expect(comment.progressed(foreign, now: t0.addingTimeInterval(5)).isEmpty)
    }
}
