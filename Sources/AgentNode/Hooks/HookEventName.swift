/// The events an agent runs hooks for; the raw value is the hook's file name.
enum HookEventName: String, Sendable, Hashable, CaseIterable, Codable {
    case taskReceived = "on-task-received"
    case progressUpdate = "on-progress-update"
    case error = "on-error"
    case taskComplete = "on-task-complete"
    case agentMessage = "on-agent-message"
    case githubEvent = "on-github-event"
    case resourceLimit = "on-resource-limit"
    case collaborationRequest = "on-collaboration-request"
}
