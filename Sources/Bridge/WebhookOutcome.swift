/// What the bridge did with one webhook delivery: the `outcome` label of
/// `cluster_webhook_deliveries_total`.
enum WebhookOutcome: String, Sendable, CaseIterable {
    /// A task was submitted.
    case task
    /// The event was broadcast to agents.
    case broadcast
    /// A repeat of a delivery already handled; nothing was done.
    case duplicate
    /// The rules or the trust check turned it away.
    case ignored
    /// `ping` answered.
    case pong
    /// Missing or wrong signature (or token).
    case unauthorized
    /// Unreadable body or headers.
    case invalid
    /// The broker could not be reached; the sender should retry.
    case failed
}
