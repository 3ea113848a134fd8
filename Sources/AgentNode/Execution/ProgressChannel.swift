import Foundation
import Wire

/// Numbers one attempt's progress, hands it to the connection, and queues the
/// on-progress-update hook for each update.
actor ProgressChannel {
    private let taskID: String
    private let attempt: Int
    private let now: @Sendable () -> Date
    private let deliver: @Sendable (ProgressUpdate) async -> Void
    private let hooks: HookQueue
    private let hookTask: HookEvent.TaskInfo
    private var sequence = 0

    init(
        assignment: TaskAssignment,
        now: @escaping @Sendable () -> Date,
        deliver: @escaping @Sendable (ProgressUpdate) async -> Void,
        hooks: HookQueue
    ) {
        self.taskID = assignment.taskID
        self.attempt = assignment.attempt
        self.now = now
        self.deliver = deliver
        self.hooks = hooks
        self.hookTask = HookEvent.TaskInfo(id: assignment.taskID, attempt: assignment.attempt, spec: assignment.spec)
    }

    /// Sends one update with the next sequence number.
    func send(_ kind: ProgressUpdate.Kind, _ message: String) async {
        sequence += 1
        let update = ProgressUpdate(
            taskID: taskID, attempt: attempt, sequence: sequence, kind: kind, message: message, at: now())
        hooks.enqueue(HookEvent(event: .progressUpdate, at: update.at, task: hookTask, progress: update))
        await deliver(update)
    }

    /// Reports one of the agent's own steps (worktree, commit, push, pull request).
    func step(_ message: String) async {
        await send(.step, message)
    }
}
