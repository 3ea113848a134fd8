/// Fires one task's hooks one after another, in the order they were queued, without
/// making the task wait for each hook.
final class HookQueue: Sendable {
    private let runner: HookRunner?
    private let continuation: AsyncStream<HookEvent>.Continuation
    private let consumer: Task<Void, Never>

    /// Starts a queue; with no runner every call is a no-op.
    init(runner: HookRunner?) {
        self.runner = runner
        let (stream, continuation) = AsyncStream.makeStream(of: HookEvent.self)
        self.continuation = continuation
        self.consumer = Task {
            for await event in stream {
                await runner?.fire(event)
            }
        }
    }

    /// Queues an event; progress events are dropped when there is no hook for them, so a
    /// long transcript never piles up behind a missing hook.
    func enqueue(_ event: HookEvent) {
        guard let runner else { return }
        if event.event == .progressUpdate, !runner.hasHook(for: .progressUpdate) { return }
        continuation.yield(event)
    }

    /// Waits until every queued hook has run.
    func finish() async {
        continuation.finish()
        await consumer.value
    }
}
