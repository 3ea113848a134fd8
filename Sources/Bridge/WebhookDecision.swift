import Wire

/// What a webhook delivery asks for, decided by pure code before anything is sent.
enum WebhookDecision: Sendable, Hashable {
    /// Answer GitHub's `ping`.
    case pong(zen: String?)
    /// Submit this task.
    case submit(TaskSpec)
    /// Publish this broadcast.
    case broadcast(Broadcast)
    /// Do nothing, for this reason (logged and returned to the sender).
    case ignore(String)
}
