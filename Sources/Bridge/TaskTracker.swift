import Foundation
import Logging
import Wire

/// Follows one task and keeps its tracking comment up to date: the shell around
/// `TrackingComment`. It reads the task's events (and re-reads the task every
/// `pollInterval`, since events published while it subscribed are not replayed), feeds the
/// state machine and makes the GitHub calls it asks for. A GitHub failure is reported and
/// stops the comment, never the task.
struct TaskTracker: Sendable {
    let github: any GitHubAPI
    let cluster: any ClusterAPI
    let thread: GitHubThread
    let settings: GitHubRoundTripSettings
    let retryPhrase: String
    let reporter: GitHubFailureReporter
    let logger: Logger
    let now: @Sendable () -> Date

    private enum Input: Sendable {
        case event(ClusterEvent)
        case tick
    }

    /// Runs until the task has ended and its comment says so (or GitHub refused the comment).
    func run(_ record: TaskRecord) async {
        let events = cluster.events(taskID: record.id)
        var machine = TrackingComment(
            view: TrackingCommentView(record: record, link: settings.taskLink(record.id), retryPhrase: retryPhrase),
            editInterval: settings.editInterval, maxProgressEdits: settings.maxProgressEdits)
        let (inputs, continuation) = AsyncStream.makeStream(of: Input.self, bufferingPolicy: .unbounded)
        let reader = Task {
            for await event in events { continuation.yield(.event(event)) }
        }
        let interval = settings.pollInterval
        let ticker = Task {
            while !Task.isCancelled {
                do { try await Task.sleep(for: interval) } catch { break }
                continuation.yield(.tick)
            }
        }
        defer {
            reader.cancel()
            ticker.cancel()
            continuation.finish()
        }
        await carryOut(machine.start(reacting: settings.reactions && thread.reaction != nil), on: &machine)
        if let detail = try? await cluster.task(id: record.id) {
            await carryOut(machine.observed(detail.task, now: now()), on: &machine)
        }
        guard !machine.isFinished else { return }
        for await input in inputs {
            switch input {
            case .event(let event):
                switch event.payload {
                case .taskState(let changed, _) where changed.id == record.id:
                    await carryOut(machine.observed(changed, now: now()), on: &machine)
                case .taskProgress(let update):
                    await carryOut(machine.progressed(update, now: now()), on: &machine)
                default:
                    break
                }
            case .tick:
                await carryOut(machine.tick(now: now()), on: &machine)
                if let detail = try? await cluster.task(id: record.id) {
                    await carryOut(machine.observed(detail.task, now: now()), on: &machine)
                }
            }
            if machine.isFinished { break }
        }
    }

    /// Makes the calls the machine asked for, feeding creations back into it.
    private func carryOut(_ actions: [TrackingComment.Action], on machine: inout TrackingComment) async {
        var pending = actions
        while !pending.isEmpty {
            let action = pending.removeFirst()
            switch action {
            case .react:
                guard let target = thread.reaction else { continue }
                do throws(GitHubAPIError) {
                    try await github.addReaction(repository: thread.repository, to: target, content: "eyes")
                } catch {
                    reporter.report(error, taskID: machine.view.record.id)
                }
            case .create(let body):
                do throws(GitHubAPIError) {
                    if let existing = try await existingComment(taskID: machine.view.record.id) {
                        pending += machine.created(commentID: existing.id, body: existing.body, now: now())
                    } else {
                        let id = try await github.createComment(repository: thread.repository, number: thread.number, body: body)
                        pending += machine.created(commentID: id, body: body, now: now())
                    }
                } catch {
                    reporter.report(error, taskID: machine.view.record.id)
                    pending += machine.creationFailed()
                }
            case .edit(let commentID, let body):
                do throws(GitHubAPIError) {
                    try await github.editComment(repository: thread.repository, commentID: commentID, body: body)
                } catch {
                    reporter.report(error, taskID: machine.view.record.id)
                    if error.isPermissionProblem { pending += machine.editRefused() }
                }
            case .finish:
                logger.debug("tracking comment final", metadata: ["task": "\(machine.view.record.id)"])
            }
        }
    }

    /// The comment posted for this task before (a bridge restarted, the broker answered a
    /// resent submission with the same task), found by its hidden marker.
    private func existingComment(taskID: String) async throws(GitHubAPIError) -> GitHubComment? {
        let marker = TrackingCommentText.marker(taskID: taskID)
        return try await github.comments(repository: thread.repository, number: thread.number)
            .first { $0.body?.hasPrefix(marker) == true }
    }
}
